"""The questionnaire engine: branching, scoring and score bounds, without a database."""

from hypothesis import given, settings
from hypothesis import strategies as st

from health import engine
from health.engine import Answer, Question, Rule

WALK = Question(
    key="walk",
    text="걸은 날",
    answers=(Answer("a", "5일 이상", {"activity": 0}), Answer("b", "하루 이하", {"activity": 4})),
)
MOOD = Question(
    key="mood",
    text="기분",
    answers=(Answer("a", "아니요", {"mood": 0}), Answer("b", "거의 매일", {"mood": 5})),
)
MOOD_FOLLOW_UP = Question(
    key="mood2",
    text="일상이 어려운가요",
    answers=(Answer("a", "아니요", {"mood": 0}), Answer("b", "네", {"mood": 5})),
    show_if_question="mood",
    show_if_answers=frozenset({"b"}),
)
DEEPER = Question(
    key="mood3",
    text="도움을 받고 있나요",
    answers=(Answer("a", "네", {}), Answer("b", "아니요", {"mood": 1})),
    show_if_question="mood2",
    show_if_answers=frozenset({"b"}),
)
LIFE = Question(
    key="life",
    text="모두 고르세요",
    kind=engine.MULTIPLE,
    required=False,
    answers=(
        Answer("a", "혼자 산다", {"mood": 1, "activity": 1}),
        Answer("b", "장보기가 힘들다", {"activity": 2}),
    ),
)
QUESTIONS = [WALK, MOOD, MOOD_FOLLOW_UP, DEEPER, LIFE]


def keys(questions):
    return [q.key for q in questions]


def test_a_follow_up_question_shows_only_after_the_answer_it_depends_on():
    assert keys(engine.visible_questions(QUESTIONS, {"mood": ["a"]})) == ["walk", "mood", "life"]
    assert keys(engine.visible_questions(QUESTIONS, {"mood": ["b"]})) == [
        "walk",
        "mood",
        "mood2",
        "life",
    ]


def test_a_question_behind_a_hidden_one_stays_hidden():
    # mood2 was answered "b" but mood2 itself is hidden, so mood3 must not show
    shown = engine.visible_questions(QUESTIONS, {"mood": ["a"], "mood2": ["b"]})
    assert "mood3" not in keys(shown)


def test_answers_to_hidden_questions_never_count():
    outcome = engine.evaluate(QUESTIONS, {"walk": ["a"], "mood": ["a"], "mood2": ["b"]})
    assert outcome.scores["mood"] == 0
    assert outcome.shown == ["walk", "mood", "life"]


def test_scores_add_up_over_dimensions_and_multiple_choice_sums_every_choice():
    outcome = engine.evaluate(
        QUESTIONS,
        {"walk": ["b"], "mood": ["b"], "mood2": ["b"], "mood3": ["b"], "life": ["a", "b"]},
    )
    assert outcome.scores == {"activity": 4 + 1 + 2, "mood": 5 + 5 + 1 + 1}
    assert outcome.complete


def test_a_single_choice_counts_one_answer_even_if_two_are_sent():
    outcome = engine.evaluate([WALK], {"walk": ["b", "a"]})
    assert outcome.scores["activity"] == 4


def test_unknown_answer_keys_are_ignored_and_required_questions_are_reported_missing():
    outcome = engine.evaluate(QUESTIONS, {"walk": ["zzz"]})
    assert outcome.missing == ["walk", "mood"]
    assert not outcome.complete


def test_percent_places_the_score_between_the_lowest_and_highest_possible():
    outcome = engine.evaluate([WALK], {"walk": ["b"]})
    assert outcome.bounds["activity"] == engine.Bounds(0, 4)
    assert outcome.percent("activity") == 100
    assert engine.evaluate([WALK], {"walk": ["a"]}).percent("activity") == 0


def test_rules_match_their_score_range_and_an_open_range_has_no_upper_limit():
    rules = [
        Rule(1, "mood", 0, 4),
        Rule(2, "mood", 5, 9),
        Rule(3, "mood", 10),
        Rule(4, "sleep", 0),
    ]
    assert [r.id for r in engine.matching_rules(rules, {"mood": 5})] == [2]
    assert [r.id for r in engine.matching_rules(rules, {"mood": 12})] == [3]
    # a dimension the check did not measure matches no rule
    assert [r.id for r in engine.matching_rules(rules, {"mood": 0})] == [1]


# Property-based: whatever the questionnaire and the answers, scores stay within bounds.

DIMENSIONS = ["activity", "mood", "sleep"]
answers_st = st.lists(
    st.dictionaries(st.sampled_from(DIMENSIONS), st.integers(-10, 10), max_size=3),
    min_size=2,
    max_size=5,
)


@st.composite
def questionnaires(draw):
    count = draw(st.integers(1, 8))
    questions = []
    for n in range(count):
        scores = draw(answers_st)
        answers = tuple(Answer(f"a{i}", f"답 {i}", s) for i, s in enumerate(scores))
        condition = ""
        wanted = frozenset()
        if n and draw(st.booleans()):
            condition = f"q{draw(st.integers(0, n - 1))}"
            wanted = frozenset({f"a{draw(st.integers(0, 4))}"})
        questions.append(
            Question(
                key=f"q{n}",
                text=f"질문 {n}",
                kind=draw(st.sampled_from(engine.KINDS)),
                answers=answers,
                show_if_question=condition,
                show_if_answers=wanted,
                required=draw(st.booleans()),
            )
        )
    given_answers = {
        q.key: draw(st.lists(st.sampled_from([a.key for a in q.answers] + ["zz"]), max_size=4))
        for q in questions
    }
    return questions, given_answers


@settings(max_examples=300, deadline=None)
@given(questionnaires())
def test_every_score_lies_within_the_bounds_of_the_shown_questions(case):
    questions, answers = case
    outcome = engine.evaluate(questions, answers)
    for dimension, score in outcome.scores.items():
        # an incomplete check is sent back to the person, never scored
        if outcome.complete:
            bounds = outcome.bounds[dimension]
            assert bounds.low <= score <= bounds.high
        assert 0 <= outcome.percent(dimension) <= 100


@settings(max_examples=200, deadline=None)
@given(questionnaires())
def test_only_shown_questions_count(case):
    questions, answers = case
    outcome = engine.evaluate(questions, answers)
    shown = set(outcome.shown)
    trimmed = {key: value for key, value in answers.items() if key in shown}
    assert engine.evaluate(questions, trimmed).scores == outcome.scores
