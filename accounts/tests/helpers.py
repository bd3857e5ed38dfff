from binascii import unhexlify

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp

PASSWORD = "Zonnebloem-Avond-42"


def log_in(client: Client, username: str, password: str = PASSWORD, *, address: str = "192.0.2.10", **headers):
    """The password step of the web login, as a browser posts it."""
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def app_code(key: str, *, step: int = 1) -> str:
    """What the authenticator app shows ``step`` periods from now (the server
    accepts one period of drift; a later one is never a code used before)."""
    return f"{totp(unhexlify(key), drift=step):06d}"
