"""GraphQL types of satisfaction surveys, their statistics, and callback samples (回访)."""

import datetime as dt
from typing import Self

import strawberry
from strawberry.types import Info
from tortoise.expressions import Q
from tortoise.functions import Count

from core import Node, RecordedStep, load_children, node_type, recorded_steps, reference, row_mapping, scoped
from plugins.volunteers import models
from plugins.volunteers.services import satisfaction as service
from plugins.volunteers.types.common import gid, load
from plugins.volunteers.types.enums import CallbackStatus, SurveyStatus


@node_type(models.SurveyQuestion, "volunteers.survey.read")
@strawberry.type(description="A question of a satisfaction survey, answered on a 1–5 scale (5 = very satisfied).")
class SurveyQuestion(Node):
    position: int = strawberry.field(description="Position in the survey, 1 for the first question.")
    text: str = strawberry.field(description="The question as asked.")

    from_row = row_mapping(models.SurveyQuestion)


async def _questions(info: Info, survey_id: int) -> list[SurveyQuestion]:
    rows = await load_children(info, models.SurveyQuestion, "survey_id", survey_id, order=("position",))
    return [SurveyQuestion.from_row(row) for row in rows]


@node_type(models.SatisfactionSurvey, "volunteers.survey.read")
@strawberry.type(description="A public satisfaction survey (群众满意度调查) for a period.")
class SatisfactionSurvey(Node):
    title: str = strawberry.field(description="Title shown to residents.")
    period_start: dt.date = strawberry.field(description="First day of the period the survey asks about.")
    period_end: dt.date = strawberry.field(description="Last day of the period the survey asks about.")
    status: SurveyStatus = strawberry.field(description="OPEN while it takes answers, then CLOSED.")
    created_at: dt.datetime = strawberry.field(description="When it was created (ISO-8601 with offset).")
    closed_at: dt.datetime | None = strawberry.field(
        description="When it was closed (ISO-8601 with offset); null while open."
    )
    _row: strawberry.Private[models.SatisfactionSurvey]

    from_row = row_mapping(models.SatisfactionSurvey)

    @strawberry.field(
        description="The closing (close) with when it happened and when it was entered (补录); "
        "back-dated steps are marked and audited."
    )
    def recorded_steps(self) -> list[RecordedStep]:
        return recorded_steps(self._row.recorded_steps)

    @strawberry.field(description="The questions, in order.")
    async def questions(self, info: Info) -> list[SurveyQuestion]:
        return await _questions(info, self._row.id)

    @strawberry.field(description="Tokens issued and answers received.")
    async def token_counts(self, info: Info) -> "SurveyTokenCounts":
        async def batch(keys: list[int]) -> list[SurveyTokenCounts]:
            rows = (
                await scoped(info.context.actor, models.SurveyToken)
                .filter(survey_id__in=keys)
                .annotate(issued=Count("id"), used=Count("id", _filter=Q(used_at__isnull=False)))
                .group_by("survey_id")
                .values("survey_id", "issued", "used")
            )
            found = {row["survey_id"]: SurveyTokenCounts(issued=row["issued"], used=row["used"]) for row in rows}
            return [found.get(key, SurveyTokenCounts(issued=0, used=0)) for key in keys]

        return await load(info, "survey.token_counts", batch, self._row.id)


@strawberry.type(description="How many answer tokens a survey has issued and how many were used.")
class SurveyTokenCounts:
    issued: int = strawberry.field(description="Answer tokens issued.")
    used: int = strawberry.field(description="Tokens used to answer (responses received).")


@strawberry.type(description="What a resident holding a survey token sees: the questions to answer.")
class PublicSurvey:
    title: str = strawberry.field(description="Title of the survey.")
    period_start: dt.date = strawberry.field(description="First day of the period the survey asks about.")
    period_end: dt.date = strawberry.field(description="Last day of the period the survey asks about.")
    questions: list[SurveyQuestion] = strawberry.field(description="The questions, in order.")
    answered: bool = strawberry.field(description="This token has been used already.")
    open: bool = strawberry.field(description="The survey still takes answers.")


@strawberry.type(description="One rating in a response.")
class SatisfactionAnswer:
    question_id: strawberry.ID = strawberry.field(description="Global id of the question rated.")
    rating: int = strawberry.field(description="1 (very dissatisfied) to 5 (very satisfied).")


@node_type(models.SatisfactionResponse, "volunteers.survey.read")
@strawberry.type(description="One resident's anonymous answers to a survey.")
class SatisfactionResponse(Node):
    survey_id: strawberry.ID = strawberry.field(description="Global id of the survey answered.")
    submitted_at: dt.datetime = strawberry.field(
        description="When it was submitted (ISO-8601 with offset); decides the period of satisfactionStats."
    )
    comment: str | None = strawberry.field(
        description=(
            "The resident's free comment; null when none. Masked unless the caller holds core.personal.view_full "
            "(station chiefs, officers, bureau admins); full views are audited."
        )
    )
    _row: strawberry.Private[models.SatisfactionResponse]

    from_row = row_mapping(models.SatisfactionResponse, survey_id=reference("SatisfactionSurvey", "survey_id"))

    @strawberry.field(description="The ratings given.")
    async def answers(self, info: Info) -> list[SatisfactionAnswer]:
        rows = await load_children(info, models.SatisfactionAnswer, "response_id", self._row.id)
        return [
            SatisfactionAnswer(question_id=gid("SurveyQuestion", row.question_id), rating=row.rating) for row in rows
        ]


@strawberry.type(description="Ratings summarised: how many, their mean, and the share of 4s and 5s.")
class RatingSummary:
    answers: int = strawberry.field(description="How many ratings.")
    mean: float | None = strawberry.field(description="Mean rating, 1–5; null without answers.")
    share_satisfied: float | None = strawberry.field(description="Percent of ratings of 4 or 5; null without answers.")

    @classmethod
    def of(cls, figures: service.RatingFigures) -> Self:
        return cls(answers=figures.answers, mean=figures.mean, share_satisfied=figures.share_satisfied)


@strawberry.type(description="Satisfaction with one survey question in the period.")
class QuestionSatisfaction:
    question_id: strawberry.ID = strawberry.field(description="Global id of the question.")
    survey_id: strawberry.ID = strawberry.field(description="Global id of its survey.")
    text: str = strawberry.field(description="The question as asked.")
    ratings: RatingSummary = strawberry.field(description="Ratings of the question submitted in the period.")


@strawberry.type(description="群众满意度 in a period: survey answers and callbacks (回访).")
class SatisfactionStats:
    responses: int = strawberry.field(description="Survey responses submitted in the period.")
    ratings: RatingSummary = strawberry.field(description="All survey ratings of the period.")
    questions: list[QuestionSatisfaction] = strawberry.field(description="Satisfaction per question.")
    callbacks_made: int = strawberry.field(description="Callbacks made in the period (reached or not).")
    callbacks_reached: int = strawberry.field(description="Of callbacksMade, those where the person was reached.")
    callback_ratings: RatingSummary = strawberry.field(description="Ratings heard in callbacks.")

    @classmethod
    def of(cls, figures: service.SatisfactionFigures) -> Self:
        return cls(
            responses=figures.responses,
            ratings=RatingSummary.of(figures.overall),
            questions=[
                QuestionSatisfaction(
                    question_id=gid("SurveyQuestion", question.question_id),
                    survey_id=gid("SatisfactionSurvey", question.survey_id),
                    text=question.text,
                    ratings=RatingSummary.of(question.figures),
                )
                for question in figures.questions
            ],
            callbacks_made=figures.callbacks_made,
            callbacks_reached=figures.callbacks_reached,
            callback_ratings=RatingSummary.of(figures.callbacks),
        )


# --- callbacks ----------------------------------------------------------------------------------


@node_type(models.CallbackItem, "volunteers.callback.read")
@strawberry.type(description="A closed item drawn for a callback (回访), and its outcome.")
class CallbackItem(Node):
    position: int = strawberry.field(description="Place in the draw order (1 = drawn first).")
    plugin: str = strawberry.field(description="The plugin that closed the item.")
    kind: str = strawberry.field(
        description="The kind as its plugin names it, e.g. volunteers.care_visit, mediation.dispute."
    )
    item_id: int = strawberry.field(description="The item's id in its plugin.")
    label: str = strawberry.field(description="Human-readable label of the item, e.g. the dispute or visit it was.")
    closed_at: dt.datetime = strawberry.field(
        description="When the item was closed in its plugin (ISO-8601 with offset); placed it in the sample's period."
    )
    handler_user_id: strawberry.ID | None = strawberry.field(description="Who handled it; may not make the callback.")
    status: CallbackStatus = strawberry.field(description="PENDING, REACHED or UNREACHABLE.")
    rating: int | None = strawberry.field(description="1–5 rating heard, when reached.")
    comment: str | None = strawberry.field(
        description=(
            "What the person said; null when nothing was noted. Masked unless the caller holds "
            "core.personal.view_full (station chiefs, officers, bureau admins); full views are audited."
        )
    )
    called_at: dt.datetime | None = strawberry.field(
        description="When the callback was made (ISO-8601 with offset); null while pending."
    )
    called_by_id: strawberry.ID | None = strawberry.field(
        description="Global id of the User who called; null while pending."
    )
    sample_id: strawberry.ID = strawberry.field(description="Global id of the sample it belongs to.")
    recorded_steps: list[RecordedStep] = strawberry.field(
        description="Each call with when it was made and when it was entered (补录); back-dated calls are marked "
        "and audited."
    )

    from_row = row_mapping(
        models.CallbackItem,
        handler_user_id=reference("User", "handler_user_id"),
        called_by_id=reference("User", "called_by_id"),
        sample_id=reference("CallbackSample", "sample_id"),
        recorded_steps=lambda row: recorded_steps(row.recorded_steps),
    )


@node_type(models.CallbackSample, "volunteers.callback.read")
@strawberry.type(description="A random sample of closed items for callbacks (回访抽样); never edited once drawn.")
class CallbackSample(Node):
    period_start: dt.date = strawberry.field(description="First day of the period sampled (included).")
    period_end: dt.date = strawberry.field(description="Last day of the period sampled (included).")
    requested_size: int = strawberry.field(description="How many items were asked for (fewer when fewer were closed).")
    seed: str = strawberry.field(description="The random seed (hex) of the draw; with the candidates it repeats it.")
    algorithm: str = strawberry.field(description="Name of the drawing algorithm, so the draw can be repeated.")
    candidate_count: int = strawberry.field(description="Closed items the sample was drawn from.")
    candidates_digest: str = strawberry.field(description="SHA-256 of the candidate list in canonical order.")
    drawn_at: dt.datetime = strawberry.field(description="When the sample was drawn (ISO-8601 with offset).")
    drawn_by_id: strawberry.ID | None = strawberry.field(description="Global id of the User who drew it.")
    _row: strawberry.Private[models.CallbackSample]

    from_row = row_mapping(
        models.CallbackSample,
        candidate_count=lambda row: len(row.candidates or []),
        drawn_by_id=reference("User", "drawn_by_id"),
    )

    @strawberry.field(description="The drawn items, in draw order.")
    async def items(self, info: Info) -> list[CallbackItem]:
        rows = await load_children(info, models.CallbackItem, "sample_id", self._row.id, order=("position",))
        return [CallbackItem.from_row(row) for row in rows]


@strawberry.type(description="A repeated draw: whether a recorded sample follows from its seed and candidates.")
class CallbackSampleCheck:
    sample: CallbackSample = strawberry.field(description="The sample checked.")
    candidate_count: int = strawberry.field(description="Closed items the plugins report for the period now.")
    digest_matches: bool = strawberry.field(description="The recorded candidate list matches its digest.")
    draw_matches: bool = strawberry.field(description="Repeating the draw gives the recorded items in order.")
    candidates_unchanged: bool = strawberry.field(
        description="The plugins still report the same closed items for the period."
    )
