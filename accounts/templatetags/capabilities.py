from django import template

from accounts.capabilities import Capability, has_capability
from accounts.models import User

register = template.Library()


@register.filter
def can(user: User, capability: str) -> bool:
    """``{% if user|can:"register" %}``; a name that is no capability raises, so a typo fails loudly."""
    return has_capability(user, Capability(capability))
