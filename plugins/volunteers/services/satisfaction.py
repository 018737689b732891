"""群众满意度: satisfaction surveys answered on a 1–5 scale, anonymously through one-answer tokens.

A token is shown once when issued (printed on a card, sent by SMS) and only its keyed hash is
stored, so neither the database nor the station can tell who answered. A rating of 4 or 5
counts as satisfied.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from collections.abc import Sequence

from tortoise.expressions import Q
from tortoise.functions import Count, Sum

from core import (
    Actor,
    Period,
    UserErrorCode,
    UserInputError,
    audit_backdating,
    get_scoped,
    keyed_hash,
    occurrence,
    publish,
    record_audit,
    remember,
    require_plugin,
    scoped,
    snapshot,
    station_runs,
)
from plugins.volunteers import models
from plugins.volunteers.services.common import (
    PLUGIN,
    Problems,
    clock,
    period_bounds,
    settings,
    station_runs_plugin,
    target_station,
    text,
)

MIN_RATING, MAX_RATING = 1, 5
SATISFIED_RATING = 4
MAX_QUESTIONS = 20
TOKEN_KIND = "survey_token"


def valid_rating(rating: int | None) -> bool:
    return rating is not None and MIN_RATING <= rating <= MAX_RATING


# --- surveys ------------------------------------------------------------------------------------


async def create_survey(
    actor: Actor, *, station_id: int | None, title: str, period: Period, questions: Sequence[str]
) -> models.SatisfactionSurvey:
    station_id = await target_station(actor, station_id)
    problems = Problems()
    title = text(title, "title", "Title", max_length=200, problems=problems)
    if not questions:
        problems.add("Ask at least one question.", "questions", UserErrorCode.REQUIRED)
    if len(questions) > MAX_QUESTIONS:
        problems.add(f"At most {MAX_QUESTIONS} questions.", "questions")
    cleaned = [
        text(question, f"questions.{index}", "A question", max_length=300, problems=problems)
        for index, question in enumerate(questions)
    ]
    problems.raise_any()
    survey = await models.SatisfactionSurvey.create(
        station_id=station_id,
        title=title,
        period_start=period.start,
        period_end=period.end,
        created_by_id=actor.user_id,
    )
    await models.SurveyQuestion.bulk_create(
        [
            models.SurveyQuestion(station_id=station_id, survey=survey, position=position, text=question)
            for position, question in enumerate(cleaned, start=1)
        ]
    )
    await record_audit("volunteers.survey.create", obj=survey, after={**snapshot(survey), "questions": cleaned})
    return survey


async def _open_survey(actor: Actor, survey_id: int) -> models.SatisfactionSurvey:
    survey = await get_scoped(actor, models.SatisfactionSurvey, survey_id, field="surveyId", label="Survey")
    await station_runs_plugin(actor, survey.station_id)
    if survey.status is not models.SurveyStatus.OPEN:
        raise UserInputError("This survey is closed.", field="surveyId", code=UserErrorCode.INVALID_TRANSITION)
    return survey


async def close_survey(actor: Actor, survey_id: int, *, at: dt.datetime | None = None) -> models.SatisfactionSurvey:
    """Close a survey; ``at`` when it was closed earlier than it is entered (补录), though never
    before a token it issued or an answer it took."""
    survey = await _open_survey(actor, survey_id)
    when = occurrence(
        at, after=await _last_use(survey), after_label="the survey's last token or answer", label="The closing"
    )
    before = snapshot(survey)
    survey.status = models.SurveyStatus.CLOSED
    survey.closed_at = when.at
    survey.recorded_steps = remember(survey.recorded_steps, "close", when)
    await survey.save(update_fields=["status", "closed_at", "recorded_steps"])
    await record_audit("volunteers.survey.close", obj=survey, before=before, after=snapshot(survey))
    await audit_backdating(when, obj=survey, step="close")
    return survey


async def _last_use(survey: models.SatisfactionSurvey) -> dt.datetime | None:
    """When the survey last issued a token or took an answer."""
    issued = await models.SurveyToken.filter(survey_id=survey.id).order_by("-issued_at").limit(1).values_list(
        "issued_at", flat=True
    )
    answered = (
        await models.SatisfactionResponse.filter(survey_id=survey.id)
        .order_by("-submitted_at")
        .limit(1)
        .values_list("submitted_at", flat=True)
    )
    moments = [*issued, *answered]
    return max(moments) if moments else None


async def issue_tokens(actor: Actor, survey_id: int, count: int) -> tuple[models.SatisfactionSurvey, list[str]]:
    """New one-answer tokens for a survey; the plain tokens exist only in this answer."""
    limit = settings().max_survey_tokens_per_request
    if not 1 <= count <= limit:
        raise UserInputError(f"Issue 1 to {limit} tokens at a time.", field="count")
    survey = await _open_survey(actor, survey_id)
    tokens = [secrets.token_urlsafe(12) for _ in range(count)]
    now = clock().now()
    await models.SurveyToken.bulk_create(
        [
            models.SurveyToken(station_id=survey.station_id, survey=survey, token_hash=token_hash(token), issued_at=now)
            for token in tokens
        ]
    )
    await record_audit("volunteers.survey.issue_tokens", obj=survey, after={"count": count})
    return survey, tokens


def token_hash(token: str) -> str:
    return keyed_hash(TOKEN_KIND, token.strip())


async def survey_for_token(token: str):
    """``(survey, questions, answered)`` for a resident holding ``token``; None when unknown."""
    if not (token or "").strip():
        return None
    ticket = await models.SurveyToken.get_or_none(token_hash=token_hash(token)).select_related("survey")
    if ticket is None or not await station_runs(ticket.survey.station_id, PLUGIN):
        return None
    questions = await models.SurveyQuestion.filter(survey_id=ticket.survey_id).order_by("position")
    return ticket.survey, questions, ticket.used_at is not None


# --- answers ------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Answer:
    question_id: int
    rating: int


def _check_answers(answers: Sequence[Answer], questions: dict[int, models.SurveyQuestion]) -> None:
    problems = Problems()
    if not answers:
        problems.add("Answer at least one question.", "answers", UserErrorCode.REQUIRED)
    seen: set[int] = set()
    for index, answer in enumerate(answers):
        if answer.question_id not in questions:
            problems.add("No such question in this survey.", f"answers.{index}.questionId", UserErrorCode.NOT_FOUND)
        elif answer.question_id in seen:
            problems.add("This question is answered twice.", f"answers.{index}.questionId", UserErrorCode.CONFLICT)
        seen.add(answer.question_id)
        if not valid_rating(answer.rating):
            problems.add(f"Ratings run from {MIN_RATING} to {MAX_RATING}.", f"answers.{index}.rating")
    problems.raise_any()


async def submit(token: str, answers: Sequence[Answer], comment: str | None = None) -> models.SatisfactionResponse:
    """Record one resident's answers. The token is the only credential: it names the survey
    (and so the station) and is spent by the first answer."""
    unknown = UserInputError("This token is not valid.", field="token", code=UserErrorCode.NOT_FOUND)
    if not (token or "").strip():
        raise unknown
    ticket = await models.SurveyToken.get_or_none(token_hash=token_hash(token)).select_related("survey")
    if ticket is None:
        raise unknown
    survey = ticket.survey
    await require_plugin(survey.station_id, PLUGIN)
    if survey.status is not models.SurveyStatus.OPEN:
        raise UserInputError("This survey is closed.", field="token", code=UserErrorCode.INVALID_TRANSITION)
    questions = {row.id: row for row in await models.SurveyQuestion.filter(survey_id=survey.id)}
    _check_answers(answers, questions)
    comment = text(comment, "comment", "Comment", max_length=2000, required=False)
    now = clock().now()
    # Spending the token is one conditional update, so two simultaneous answers cannot both win.
    if not await models.SurveyToken.filter(id=ticket.id, used_at__isnull=True).update(used_at=now):
        raise UserInputError("This token has been used already.", field="token", code=UserErrorCode.CONFLICT)
    response = await models.SatisfactionResponse.create(
        station_id=survey.station_id, survey=survey, token_id=ticket.id, comment=comment, submitted_at=now
    )
    await models.SatisfactionAnswer.bulk_create(
        [
            models.SatisfactionAnswer(
                station_id=survey.station_id,
                response=response,
                question_id=answer.question_id,
                rating=answer.rating,
                submitted_at=now,
            )
            for answer in answers
        ]
    )
    ratings = {str(answer.question_id): answer.rating for answer in answers}
    await record_audit("volunteers.satisfaction.submit", obj=response, after={**snapshot(response), "ratings": ratings})
    await publish(
        "volunteers.satisfaction.submitted",
        {"surveyId": survey.id, "responseId": response.id, "ratings": ratings},
        station_id=survey.station_id,
    )
    return response


# --- statistics ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RatingFigures:
    answers: int
    points: int
    satisfied: int

    @property
    def mean(self) -> float | None:
        return round(self.points / self.answers, 2) if self.answers else None

    @property
    def share_satisfied(self) -> float | None:
        return round(100 * self.satisfied / self.answers, 1) if self.answers else None


@dataclasses.dataclass(frozen=True)
class QuestionFigures:
    question_id: int
    survey_id: int
    text: str
    figures: RatingFigures


@dataclasses.dataclass(frozen=True)
class SatisfactionFigures:
    responses: int
    overall: RatingFigures
    questions: list[QuestionFigures]
    callbacks_made: int
    callbacks_reached: int
    callbacks: RatingFigures


def _combine(parts: Sequence[RatingFigures]) -> RatingFigures:
    return RatingFigures(
        sum(part.answers for part in parts), sum(part.points for part in parts), sum(part.satisfied for part in parts)
    )


def _rating_aggregates():
    # The mean is computed from the sum: an average of an integer column comes back truncated.
    satisfied = Q(rating__gte=SATISFIED_RATING)
    return {"answers": Count("id"), "points": Sum("rating"), "satisfied": Count("id", _filter=satisfied)}


def _figures(row) -> RatingFigures:
    return RatingFigures(row["answers"], int(row["points"] or 0), row["satisfied"])


async def stats(actor: Actor, period: Period, *, station_id: int | None = None) -> SatisfactionFigures:
    """Responses submitted in ``period``: count, mean, share satisfied, per question; and the
    outcome of callbacks made in the period. A few grouped queries, whatever the volume."""
    start, end = period_bounds(period)

    def within(model, column):
        queryset = scoped(actor, model).filter(**{f"{column}__gte": start, f"{column}__lt": end})
        return queryset.filter(station_id=station_id) if station_id is not None else queryset

    responses = await within(models.SatisfactionResponse, "submitted_at").count()
    per_question = (
        await within(models.SatisfactionAnswer, "submitted_at")
        .annotate(**_rating_aggregates())
        .group_by("question_id")
        .values("question_id", "answers", "points", "satisfied")
    )
    texts = {
        row["id"]: row
        for row in await scoped(actor, models.SurveyQuestion)
        .filter(id__in=[row["question_id"] for row in per_question])
        .values("id", "text", "survey_id")
    }
    questions = [
        QuestionFigures(
            row["question_id"], texts[row["question_id"]]["survey_id"], texts[row["question_id"]]["text"], _figures(row)
        )
        for row in sorted(per_question, key=lambda row: (texts[row["question_id"]]["survey_id"], row["question_id"]))
    ]
    by_status = {
        models.CallbackStatus(row["status"]): row
        for row in await within(models.CallbackItem, "called_at")
        .annotate(**_rating_aggregates())
        .group_by("status")
        .values("status", "answers", "points", "satisfied")
    }
    reached = by_status.get(models.CallbackStatus.REACHED)
    unreachable = by_status.get(models.CallbackStatus.UNREACHABLE)
    return SatisfactionFigures(
        responses=responses,
        overall=_combine([question.figures for question in questions]),
        questions=questions,
        callbacks_made=sum(row["answers"] for row in (reached, unreachable) if row),
        callbacks_reached=reached["answers"] if reached else 0,
        callbacks=_figures(reached) if reached else RatingFigures(0, 0, 0),
    )
