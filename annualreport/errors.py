"""The annual report's error, shared by its read path (the document refuses a
final version) and its write services, so reading needs no write module."""


class AnnualReportError(Exception):
    """A change that is not allowed; ``problems`` are shown to the editor."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(" ".join(self.problems))
