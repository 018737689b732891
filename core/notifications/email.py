"""The built-in e-mail channel: plain-text messages over SMTP ([notifications] smtp_*)."""

from __future__ import annotations

import asyncio
import re
import smtplib
from email.message import EmailMessage

from core.config import NotificationSettings
from core.contract import NotificationChannel

_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def check_email(text: str) -> str:
    address = (text or "").strip()
    if not _ADDRESS.match(address) or len(address) > 254:
        raise ValueError("not an e-mail address")
    return address


def email_channel(settings: NotificationSettings) -> NotificationChannel | None:
    """The channel, or None while no SMTP host is configured."""
    if not settings.smtp_host:
        return None

    def send_now(address: str, subject: str, text: str) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = settings.sender, address, subject
        message.set_content(text)
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_username:
                smtp.login(settings.smtp_username, settings.smtp_password or "")
            smtp.send_message(message)

    async def send(address: str, subject: str, text: str) -> None:
        await asyncio.to_thread(send_now, address, subject, text)

    return NotificationChannel(
        name="email",
        title="电子邮件",
        send=send,
        check_address=check_email,
        description="Plain-text e-mail through the deployment's SMTP server.",
    )
