"""A minimal real SMTP server on 127.0.0.1 for e-mail channel tests: accepts every message and
keeps (sender, recipients, data)."""

from __future__ import annotations

import asyncio


class SmtpReceiver:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], str]] = []
        self.port = 0

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        sender, recipients = "", []

        async def reply(line: str) -> None:
            writer.write((line + "\r\n").encode())
            await writer.drain()

        await reply("220 test ESMTP")
        while line := (await reader.readline()).decode().rstrip("\r\n"):
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                await reply("250 test")
            elif verb == "MAIL":
                sender, recipients = line.split(":", 1)[1].strip(), []
                await reply("250 OK")
            elif verb == "RCPT":
                recipients.append(line.split(":", 1)[1].strip())
                await reply("250 OK")
            elif verb == "DATA":
                await reply("354 go ahead")
                lines = []
                while (data := (await reader.readline()).decode()) not in (".\r\n", ""):
                    lines.append(data)
                self.messages.append((sender, recipients, "".join(lines)))
                await reply("250 queued")
            elif verb == "QUIT":
                await reply("221 bye")
                break
            else:
                await reply("250 OK")
        writer.close()

    async def __aenter__(self) -> SmtpReceiver:
        self.server = await asyncio.start_server(self._session, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc) -> None:
        self.server.close()
        await self.server.wait_closed()
