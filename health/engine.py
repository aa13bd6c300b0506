"""The questionnaire engine: which questions show, and what the answers score. No database.

A questionnaire is a list of :class:`Question`; answers are ``{question key: [answer keys]}``.
A question with ``show_if`` is shown only when the named earlier question was answered with
one of the given answer keys (and that question was itself shown). Scores are summed per
dimension over the shown questions only, so answers to hidden questions never count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

SINGLE = "single"
MULTIPLE = "multiple"
SCALE = "scale"
KINDS = (SINGLE, MULTIPLE, SCALE)


@dataclass(frozen=True)
class Answer:
    key: str
    label: str
    scores: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    kind: str = SINGLE
    answers: tuple[Answer, ...] = ()
    show_if_question: str = ""
    show_if_answers: frozenset[str] = frozenset()
    required: bool = True

    def answer(self, key: str) -> Answer | None:
        return next((a for a in self.answers if a.key == key), None)


@dataclass(frozen=True)
class Bounds:
    low: int
    high: int


@dataclass
class Outcome:
    scores: dict[str, int]
    bounds: dict[str, Bounds]
    shown: list[str]
    missing: list[str]

    @property
    def complete(self) -> bool:
        return not self.missing

    def percent(self, dimension: str) -> int:
        """Where the score stands between the lowest and highest possible score (0–100)."""
        bounds = self.bounds.get(dimension)
        if bounds is None or bounds.high == bounds.low:
            return 0
        share = (self.scores.get(dimension, 0) - bounds.low) / (bounds.high - bounds.low)
        return round(100 * min(max(share, 0), 1))


def visible_questions(
    questions: Iterable[Question], answers: Mapping[str, Iterable[str]]
) -> list[Question]:
    """The questions shown for these answers, in order; a condition only looks backwards."""
    shown: dict[str, set[str]] = {}
    result = []
    for question in questions:
        if question.show_if_question:
            earlier = shown.get(question.show_if_question)
            if earlier is None or not (earlier & question.show_if_answers):
                continue
        result.append(question)
        shown[question.key] = _valid_keys(question, answers.get(question.key, ()))
    return result


def _valid_keys(question: Question, given: Iterable[str]) -> set[str]:
    keys = {a.key for a in question.answers}
    chosen = [k for k in dict.fromkeys(given) if k in keys]
    if question.kind != MULTIPLE:
        chosen = chosen[:1]
    return set(chosen)


def _question_bounds(question: Question, dimension: str) -> Bounds:
    points = [a.scores.get(dimension, 0) for a in question.answers]
    if not points:
        return Bounds(0, 0)
    if question.kind == MULTIPLE:
        # Any subset may be chosen, the empty one included.
        return Bounds(sum(p for p in points if p < 0), sum(p for p in points if p > 0))
    low, high = min(points), max(points)
    if not question.required:
        low, high = min(low, 0), max(high, 0)
    return Bounds(low, high)


def dimensions_of(questions: Iterable[Question]) -> list[str]:
    seen: dict[str, None] = {}
    for question in questions:
        for answer in question.answers:
            for dimension in answer.scores:
                seen.setdefault(dimension)
    return list(seen)


def evaluate(questions: list[Question], answers: Mapping[str, Iterable[str]]) -> Outcome:
    """Score the shown questions; list the required shown questions left unanswered."""
    shown = visible_questions(questions, answers)
    dimensions = dimensions_of(questions)
    scores = dict.fromkeys(dimensions, 0)
    bounds = {}
    missing = []
    for dimension in dimensions:
        low = high = 0
        for question in shown:
            b = _question_bounds(question, dimension)
            low, high = low + b.low, high + b.high
        bounds[dimension] = Bounds(low, high)
    for question in shown:
        chosen = _valid_keys(question, answers.get(question.key, ()))
        if not chosen and question.required and question.kind != MULTIPLE:
            missing.append(question.key)
        for key in chosen:
            for dimension, points in question.answer(key).scores.items():
                scores[dimension] += points
    return Outcome(scores=scores, bounds=bounds, shown=[q.key for q in shown], missing=missing)


@dataclass(frozen=True)
class Rule:
    """A score range on one dimension; ``high`` None means no upper limit."""

    id: int
    dimension: str
    low: int
    high: int | None = None

    def matches(self, scores: Mapping[str, int]) -> bool:
        if self.dimension not in scores:
            return False
        score = scores[self.dimension]
        return score >= self.low and (self.high is None or score <= self.high)


def matching_rules(rules: Iterable[Rule], scores: Mapping[str, int]) -> list[Rule]:
    return [rule for rule in rules if rule.matches(scores)]
