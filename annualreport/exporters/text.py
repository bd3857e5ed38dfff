import re

# Characters XML 1.0 cannot hold; a pasted text can carry them and would break the file.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    return _CONTROL.sub("", text)
