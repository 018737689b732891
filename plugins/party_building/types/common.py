"""Types shared by the party building schema."""

from typing import Any, Self

import strawberry
from strawberry.types import Info

from core import to_global_id
from plugins.party_building.types import loaders


@strawberry.type(description="A station user (民警/辅警) as party building refers to them; `node(id)` gives the User.")
class PartyUserRef:
    id: strawberry.ID = strawberry.field(description="Global id of the User.")
    display_name: str = strawberry.field(description="The user's display name.")

    @classmethod
    def from_user(cls, user: Any) -> Self:
        return cls(id=strawberry.ID(to_global_id("User", user.id)), display_name=user.display_name)


async def user_ref(info: Info, user_id: int | None) -> PartyUserRef | None:
    if user_id is None:
        return None
    user = await loaders.user(info, user_id)
    return PartyUserRef.from_user(user) if user is not None else None
