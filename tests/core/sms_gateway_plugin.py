"""An example third-party plugin for notifications: it declares two kinds triggered by the
sample plugin's events, and an SMS channel whose "gateway" is a list in memory (a real plugin
would call its SMS or WeCom provider's API in ``send``)."""

from core import CONTRACT_VERSION, NotificationChannel, NotificationKind, NotificationMode, PluginInfo, Role, hookimpl

SENT: list[tuple[str, str, str]] = []
# Messages to refuse before accepting again (the gateway is down).
FAILURES: list[str] = []


async def send_sms(address: str, subject: str, text: str) -> None:
    if FAILURES:
        raise ConnectionError(FAILURES.pop(0))
    SENT.append((address, subject, text))


def check_phone(text: str) -> str:
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) != 11 or not digits.startswith("1"):
        raise ValueError("expected an 11-digit mobile number")
    return digits


@hookimpl
def fengqiao_plugin_info():
    return PluginInfo(name="alerts", version="1.0", title="Alerts by SMS", contract=CONTRACT_VERSION)


@hookimpl
def fengqiao_notification_kinds():
    return [
        NotificationKind(
            name="alerts.person.registered",
            title="新登记人员",
            event="sample.person.created",
            message=lambda event: f"登记了人员 #{event.payload['person_id']}。",
            roles=(Role.OFFICER,),
            description="A person was registered at the station: to its officers.",
        ),
        NotificationKind(
            name="alerts.person.flagged",
            title="重点人员",
            event="sample.person.flagged",
            message=lambda event: f"人员 #{event.payload['person_id']} 被列为重点人员。",
            recipients=lambda event: event.payload.get("assignees", []),
            mandatory=True,
            default=NotificationMode.DIGEST,
            description="A person was flagged: to the officers named in the event.",
        ),
    ]


@hookimpl
def fengqiao_notification_channels():
    return [NotificationChannel(name="sms", title="短信", send=send_sms, check_address=check_phone)]
