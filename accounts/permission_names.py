"""Dutch names for Django's built-in model permissions. Django stores them in
English ("Can add gebruiker") when it creates them after a migration; the
admin's user and group screens show those names, so they are renamed right
after ("Mag gebruiker toevoegen"). Runs on every ``migrate`` (post_migrate),
so permissions of new models are renamed too."""

from typing import Any

ACTIONS = {
    "add": "toevoegen",
    "change": "wijzigen",
    "delete": "verwijderen",
    "view": "bekijken",
}


def dutch_permission_name(codename: str, verbose_name: str) -> str | None:
    """The Dutch name of a built-in permission, or None for a custom one."""
    action, _sep, _model = codename.partition("_")
    if action not in ACTIONS:
        return None
    return f"Mag {verbose_name} {ACTIONS[action]}"[:255]


def permissions_rename(*, using: str = "default", **_kwargs: Any) -> int:
    """Rename every built-in permission still in English; returns how many."""
    from django.apps import apps
    from django.contrib.auth.models import Permission

    changed = []
    for permission in Permission.objects.using(using).select_related("content_type").filter(name__startswith="Can "):
        model = apps.get_model(permission.content_type.app_label, permission.content_type.model, require_ready=False)
        if model is None:
            continue
        name = dutch_permission_name(permission.codename, str(model._meta.verbose_name_raw))
        if name and permission.codename.endswith(f"_{model._meta.model_name}"):
            permission.name = name
            changed.append(permission)
    Permission.objects.using(using).bulk_update(changed, ["name"])
    return len(changed)
