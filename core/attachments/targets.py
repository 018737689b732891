"""The registry of attachment targets declared by plugins (``fengqiao_attachment_targets``)."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from core.contract import AttachmentTarget
from core.errors import ConfigError, UserErrorCode, UserInputError
from core.graphql.ids import from_global_id
from core.tenancy import STATION_OWNED_MODELS, scoped

if TYPE_CHECKING:
    from core.identity.actor import Actor
    from core.runtime import Fengqiao


def attachment_targets(app: Fengqiao) -> dict[str, AttachmentTarget]:
    """Targets by GraphQL type name, collected and checked once per application."""
    cached = app.__dict__.get("_attachment_targets")
    if cached is not None:
        return cached
    targets: dict[str, AttachmentTarget] = {}
    owners: dict[str, str] = {}
    for plugin, declared in app.plugins.call_each("fengqiao_attachment_targets"):
        for target in declared or ():
            _check(plugin.name, target, app, owners)
            owners[target.type_name] = plugin.name
            targets[target.type_name] = target
    app.__dict__["_attachment_targets"] = targets
    app.__dict__["_attachment_owners"] = owners
    return targets


def _check(plugin: str, target: Any, app: Fengqiao, owners: dict[str, str]) -> None:
    where = f"plugin '{plugin}' declares attachments on"
    if not isinstance(target, AttachmentTarget):
        raise ConfigError(f"plugin '{plugin}': fengqiao_attachment_targets must return core.AttachmentTarget items")
    if target.type_name in owners:
        raise ConfigError(
            f"attachments on {target.type_name} are declared by both '{owners[target.type_name]}' and '{plugin}'"
        )
    if target.model not in STATION_OWNED_MODELS:
        raise ConfigError(f"{where} {target.type_name}: its model must be a core.StationOwnedModel")
    for permission in (target.read_permission, target.upload_permission):
        if permission not in app.permissions.permissions:
            raise ConfigError(f"{where} {target.type_name} with unknown permission '{permission}'")
    if not target.kinds or target.max_bytes < 1:
        raise ConfigError(f"{where} {target.type_name} without kinds or with a max_bytes below 1")
    if target.max_bytes > app.settings.attachments.max_upload_bytes:
        raise ConfigError(
            f"{where} {target.type_name} with max_bytes {target.max_bytes}, above "
            f"attachments.max_upload_bytes ({app.settings.attachments.max_upload_bytes}); raise the setting"
        )
    if target.visible is not None:
        # A second reach rule beside the model's read rule lets files and lists disagree.
        warnings.warn(
            f"plugin '{plugin}': AttachmentTarget.visible ({target.type_name}) is deprecated; declare a "
            f"core.ReadRule as {target.model.__name__}.read_rule instead (it applies to lists, node(id:) and files)",
            DeprecationWarning,
            stacklevel=2,
        )


def check_retention_settings(app: Fengqiao) -> None:
    """``[attachments] retention_days`` may only name declared targets."""
    targets = attachment_targets(app)
    for name in app.settings.attachments.retention_days:
        if name not in targets:
            known = ", ".join(sorted(targets)) or "none"
            raise ConfigError(f"attachments.retention_days.{name}: no such attachment target (targets: {known})")


def retention_days(app: Fengqiao, target: AttachmentTarget) -> int:
    return app.settings.attachments.retention_days.get(target.type_name, target.retention_days)


def visible_rows(actor: Actor, target: AttachmentTarget) -> Any:
    """The owning rows the actor may reach: ``core.scoped``'s (the station, narrowed by the
    model's ``read_rule``), or the deprecated ``visible`` of a plugin that still declares it."""
    return target.visible(actor) if target.visible is not None else scoped(actor, target.model)


async def resolve_owner(
    app: Fengqiao, actor: Actor, owner_id: str | None, *, permission: str, field: str = "ownerId"
) -> tuple[AttachmentTarget, Any]:
    """The target and owning row behind a global id, within the actor's reach, or a
    ``NOT_FOUND`` (another station's object looks exactly like a missing one)."""
    not_found = UserInputError("No object with this id accepts attachments.", field=field, code=UserErrorCode.NOT_FOUND)
    try:
        type_name, pk = from_global_id(str(owner_id or ""))
        pk_value = int(pk)
    except ValueError:
        raise not_found from None
    target = attachment_targets(app).get(type_name)
    if target is None:
        raise not_found
    row = await visible_rows(actor, target).get_or_none(pk=pk_value)
    if row is None:
        raise not_found
    required = target.upload_permission if permission == "upload" else target.read_permission
    if not actor.has(required):
        raise UserInputError(
            f"You may not {'add files to' if permission == 'upload' else 'see the files of'} this object "
            f"(requires '{required}').",
            field=field,
            code=UserErrorCode.FORBIDDEN,
        )
    if not actor.plugin_enabled(_plugin_of(app, type_name)):
        raise UserInputError(
            "The plugin owning this object is not enabled for your station.",
            field=field,
            code=UserErrorCode.FEATURE_DISABLED,
        )
    return target, row


def _plugin_of(app: Fengqiao, type_name: str) -> str | None:
    attachment_targets(app)
    return app.__dict__["_attachment_owners"].get(type_name)
