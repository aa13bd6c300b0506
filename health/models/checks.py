"""Questionnaires built by editors: questions (StreamField); answering one is `health.views`."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms_pages.models.mixins import SeoMixin
from health import engine, views
from health.models.rules import Dimension


def dimension_choices():
    return list(Dimension.objects.values_list("slug", "name"))


class DimensionChoiceBlock(blocks.ChoiceBlock):
    """The choices are read from the database only for the editor's form: reading a page's
    questions must not query the dimensions once per score."""

    def to_python(self, value):
        return value

    def get_searchable_content(self, value):
        return []


class ScoreBlock(blocks.StructBlock):
    dimension = DimensionChoiceBlock(choices=dimension_choices, label=_("dimension"))
    points = blocks.IntegerBlock(label=_("points"), min_value=-10, max_value=10)


class AnswerBlock(blocks.StructBlock):
    key = blocks.CharBlock(label=_("key"), max_length=20, help_text=_("e.g. a, b, c"))
    label = blocks.CharBlock(label=_("answer"), max_length=200)
    scores = blocks.ListBlock(ScoreBlock(), label=_("scores"), min_num=0)


class QuestionBlock(blocks.StructBlock):
    key = blocks.CharBlock(
        label=_("key"), max_length=20, help_text=_("A short unique name, e.g. sleep1.")
    )
    text = blocks.CharBlock(label=_("question"), max_length=300)
    help = blocks.CharBlock(label=_("help text"), required=False, max_length=300)
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[
            (engine.SINGLE, _("Single choice")),
            (engine.MULTIPLE, _("Multiple choice")),
            (engine.SCALE, _("Scale")),
        ],
        default=engine.SINGLE,
    )
    required = blocks.BooleanBlock(label=_("answer required"), required=False, default=True)
    answers = blocks.ListBlock(AnswerBlock(), label=_("answers"), min_num=2)
    show_if_question = blocks.CharBlock(
        label=_("show only if question"),
        required=False,
        max_length=20,
        help_text=_("The key of an earlier question; leave empty to always show."),
    )
    show_if_answers = blocks.CharBlock(
        label=_("was answered with"),
        required=False,
        max_length=100,
        help_text=_("Answer keys of that question, separated by commas."),
    )

    class Meta:
        icon = "help"


def question_block(key, text, kind, answers, show_if=None, required=True) -> tuple[str, dict]:
    """A `questions` stream item written in code (the demo loader, tests): answers are
    (key, label, {dimension slug: points}); show_if is (question key, "answer,keys")."""
    return (
        "question",
        {
            "key": key,
            "text": text,
            "help": "",
            "kind": kind,
            "required": required,
            "answers": [
                {
                    "key": answer_key,
                    "label": label,
                    "scores": [{"dimension": d, "points": p} for d, p in scores.items()],
                }
                for answer_key, label, scores in answers
            ],
            "show_if_question": show_if[0] if show_if else "",
            "show_if_answers": show_if[1] if show_if else "",
        },
    )


class CheckKind(models.TextChoices):
    QUICK = "quick", _("Quick check")
    DETAILED = "detailed", _("Detailed check")


class HealthCheckPage(RoutablePageMixin, SeoMixin, Page):
    """A self-check questionnaire; answering it is handled by `health.views`."""

    kind = models.CharField(_("kind"), max_length=10, choices=CheckKind.choices)
    intro = RichTextField(_("introduction"), blank=True)
    questions = StreamField(
        [("question", QuestionBlock())], blank=True, verbose_name=_("questions")
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("questions"),
        InlinePanel("rules", heading=_("Result rules"), label=_("rule")),
    ]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("health self-check")
        verbose_name_plural = _("health self-checks")

    def engine_questions(self) -> list[engine.Question]:
        result = []
        for block in self.questions:
            value = block.value
            result.append(
                engine.Question(
                    key=value["key"],
                    text=value["text"],
                    kind=value["kind"],
                    required=bool(value["required"]),
                    answers=tuple(
                        engine.Answer(
                            key=a["key"],
                            label=a["label"],
                            scores=_sum_scores(a["scores"]),
                        )
                        for a in value["answers"]
                    ),
                    show_if_question=value["show_if_question"] or "",
                    show_if_answers=frozenset(
                        k.strip() for k in (value["show_if_answers"] or "").split(",") if k.strip()
                    ),
                )
            )
        return result

    def clean(self):
        super().clean()
        seen: set[str] = set()
        for block in self.questions:
            key, condition = block.value["key"], block.value["show_if_question"]
            if key in seen:
                raise ValidationError(
                    {"questions": _("Two questions have the key “%(key)s”.") % {"key": key}}
                )
            if condition and condition not in seen:
                raise ValidationError(
                    {
                        "questions": _(
                            "Question “%(key)s” depends on “%(other)s”, which is not an "
                            "earlier question."
                        )
                        % {"key": key, "other": condition}
                    }
                )
            seen.add(key)

    @path("")
    def take(self, request):
        return views.check_take(request, self)

    @path("result/", name="result")
    def result(self, request):
        return views.check_result(request, self)

    @path("save/", name="save")
    def save_result(self, request):
        return views.check_save(request, self)


def _sum_scores(scores) -> dict[str, int]:
    total: dict[str, int] = {}
    for score in scores:
        total[score["dimension"]] = total.get(score["dimension"], 0) + score["points"]
    return total
