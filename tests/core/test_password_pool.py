"""Password hashing runs off the event loop, with a cap on how many hashes run at once."""

import asyncio
import threading

from core import Role
from core.identity import passwords
from core.testing import GraphQLClient, create_user

LOGIN = 'mutation { login(input: {username: "nobody.here", password: "wrong-password"}) { errors { code } } }'


class BlockingHashes:
    """Holds every password check until released, counting how many run at once."""

    def __init__(self):
        self.release = threading.Event()
        self.running = 0
        self.most = 0
        self.lock = threading.Lock()
        self.real = passwords.verify_password

    def __call__(self, password_hash, password):
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            self.release.wait(10)
            return self.real(password_hash, password)
        finally:
            with self.lock:
                self.running -= 1


async def until(condition) -> None:
    for _ in range(1000):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition never met")


async def test_me_is_answered_while_a_burst_of_logins_is_hashing(app, station, monkeypatch):
    blocking = BlockingHashes()
    monkeypatch.setattr(passwords, "verify_password", blocking)
    passwords.configure_pool(2, 64)
    officer = await create_user(app, station, Role.OFFICER)
    anonymous = GraphQLClient(app)
    from core.testing import token_for

    me = GraphQLClient(app, token_for(app, officer))
    burst = [asyncio.create_task(anonymous.execute(LOGIN)) for _ in range(16)]
    try:
        await until(lambda: blocking.running == 2)
        # Every hash is held: a loop that ran them itself could not answer anything now.
        answers = await asyncio.wait_for(asyncio.gather(*(me.data("{ me { id } }") for _ in range(5))), 10)
        assert all(a["me"]["id"] for a in answers)
        assert not any(task.done() for task in burst)
    finally:
        blocking.release.set()
        await asyncio.gather(*burst)
    assert blocking.most == 2  # the cap held


async def test_logins_beyond_the_queue_are_refused_at_once(app, monkeypatch):
    blocking = BlockingHashes()
    monkeypatch.setattr(passwords, "verify_password", blocking)
    passwords.configure_pool(1, 3)
    anonymous = GraphQLClient(app)
    burst = [asyncio.create_task(anonymous.execute(LOGIN)) for _ in range(3)]
    try:
        await until(lambda: passwords._pool._waiting == 3)  # one hashing, two queued: the queue is full
        extra = await asyncio.wait_for(anonymous.data(LOGIN), 10)
        assert extra["login"]["errors"][0]["code"] == "RATE_LIMITED"
    finally:
        blocking.release.set()
        await asyncio.gather(*burst)
