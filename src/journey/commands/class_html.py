"""`journey class report --format html`: one self-contained page a teacher can project: one
screen of summary in large type first (the endings of each era beside the game's odds, and
where the class's chances were won and lost), then the details.

Inline CSS only: no scripts, fonts or images, nothing requested from anywhere. Every piece of
text that comes from a scenario or the record is escaped (html.escape), so scenario text can
never become markup.
"""

from __future__ import annotations

from html import escape

from journey.frontend.class_summary import (ABOUT_ODDS, ABOUT_SURPRISE, ClassSummary, EraRow,
                                            arrivals, surprise_text)
from journey.commands.class_text import (GAME_ODDS, PLACES, era_title, gain_text, header,
                                         odds_problem, other_version, place_text,
                                         signed, turning_heading, turning_intro)
from journey.frontend.class_turning import ClassTurning, DecisionRow
from journey.frontend.debrief import kind_label
from journey.frontend.chance_words import percent
from journey.frontend import words
from journey.frontend.words import _, ngettext

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 64rem; margin: 2rem auto; padding: 0 1rem;
       color: #111; background: #fff; line-height: 1.45; font-size: 1.15rem; }
h1 { font-size: 1.8rem; } h2 { margin-top: 2.2rem; border-bottom: 2px solid #444; }
table { border-collapse: collapse; margin: 0.6rem 0 1.2rem; width: 100%; }
th, td { text-align: left; padding: 0.3rem 0.6rem; border-bottom: 1px solid #ccc;
         vertical-align: top; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; height: 0.8rem; background: #345; margin-right: 0.4rem; }
.bar.odds { background: #bbb; }
.note { background: #f3f3f3; border-left: 0.4rem solid #777; padding: 0.6rem 1rem; }
pre { font-size: 0.9rem; overflow-x: auto; }
.screen { min-height: 0; font-size: 1.45rem; line-height: 1.3; margin: 0 0 3rem; }
.screen h1 { font-size: 2.3rem; margin: 0 0 0.3rem; }
.screen h2 { font-size: 1.6rem; margin: 0.4rem 0; border: none; }
.screen p { margin: 0.3rem 0; }
.screen table { margin: 0.2rem 0 0.6rem; }
.screen td, .screen th { padding: 0.15rem 0.5rem; }
.screen .bar { height: 1.1rem; }
.eras { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr));
        gap: 0 2rem; }
.screen .small { font-size: 1.05rem; }
@media (min-width: 80rem) { body:has(.screen) { max-width: 112rem; } }
"""


def html_report(summary: ClassSummary) -> str:
    parts = ["<!DOCTYPE html>", f'<html lang="{escape(words.current().tag)}"><head>'
             '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             "<title>" + escape(_("Class record: {scenario}").format(scenario=summary.title))
             + "</title>",
             f"<style>{STYLE}</style></head><body>"]
    parts += screen_html(summary)
    parts += ['<h1 id="details">' + escape(_("The details")) + "</h1>",
              f"<p>{escape(header(summary))}</p>"]
    parts += [f'<p class="note">{escape(note)}</p>' for note in summary.record_notes]
    parts += [f'<p class="note">{escape(other_version(count))}</p>'
              for count in summary.other_versions.values()]
    parts.append(f'<p class="note">{escape(_(ABOUT_ODDS))}</p>')
    if summary.odds_problem:
        parts.append(f"<p>{escape(odds_problem(summary.odds_problem))}</p>")
    for era in summary.eras:
        parts += era_html(era)
    if summary.eras:
        parts.append(f"<p>{escape(_(ABOUT_SURPRISE))}</p>")
    if summary.turning is not None:
        parts += turning_html(summary.turning)
    parts += routes_html(summary) + scenes_html(summary) + arrivals_html()
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


SCREEN_PLACES = 3
"""Places where the chance moved most, on the summary screen."""


def screen_html(summary: ClassSummary) -> list[str]:
    """One screen in large type, for a projector: each era's endings by kind beside the
    game's odds, then where the class's chances were won and lost."""
    parts = ['<section class="screen" aria-labelledby="summary">',
             '<h1 id="summary">'
             + escape(_("Class record: {scenario}").format(scenario=summary.title)) + "</h1>",
             f"<p>{escape(header(summary))}</p>", '<div class="eras">']
    for era in summary.eras:
        parts += [f"<div><h2>{escape(era_title(era))}</h2>",
                  "<table>" + heads(_("Ending"), _("Class"), _("Random player"))]
        for row in era.kinds:
            odds = "-" if row.odds is None else f"{bar(row.odds, 'odds')}{percent(row.odds)}"
            parts.append(f"<tr><td>{escape(_(kind_label(row.kind)))}</td>"
                         f'<td class="n">{bar(row.share)}{row.count} ({percent(row.share)})</td>'
                         f'<td class="n">{odds}</td></tr>')
        parts.append("</table></div>")
    parts.append("</div>")
    if summary.turning is not None and summary.turning.journeys:
        parts += screen_turning(summary.turning)
    parts += [f'<p class="small">{escape(_(GAME_ODDS))} '
              + escape(_("The details follow below.")) + "</p>",
              "</section>"]
    return parts


def screen_turning(turning: ClassTurning) -> list[str]:
    parts = [f"<h2>{escape(turning_heading(turning))}</h2>",
             "<p>" + escape(_("Choices: {choices} per journey on average; draws, which were "
                              "luck: {luck}.").format(choices=signed(turning.choices),
                                                      luck=signed(turning.luck))) + "</p>",
             "<ul>"]
    parts += [f"<li>{escape(place_text(place))}</li>"
              for place in turning.places[:SCREEN_PLACES]]
    parts += ["<li>" + escape(_("{stage}, one of the decisions that matter most: {brief}").format(
        stage=row.stage, brief=decision_brief(row, turning.goal))) + "</li>"
              for row in turning.decisions if row.gain is not None]
    return parts + ["</ul>"]


def decision_brief(row: DecisionRow, goal: str) -> str:
    """'most chose "Pay a guide" (70%; at random 50%): +5.0 points of asylum against
    random.'"""
    top = max(row.options, key=lambda option: option.count)
    return _('most chose "{choice}" ({share}; at random {random_share}): {gain} of the chance '
             "of {goal} against random.").format(choice=top.label, share=percent(top.share),
                                                 random_share=percent(top.random_share),
                                                 gain=signed(row.gain or 0.0), goal=goal)


def turning_html(turning: ClassTurning) -> list[str]:
    parts = [f"<h2>{escape(turning_heading(turning))}</h2>",
             f"<p>{escape(turning_intro(turning))}</p>"]
    if turning.places:
        parts += [f"<p>{escape(_(PLACES))}</p>", "<ol>"]
        parts += [f"<li>{escape(place_text(place))}</li>" for place in turning.places]
        parts.append("</ol>")
    for row in turning.decisions:
        parts += ["<h3>" + escape(_("{stage}: \u201c{excerpt}\u201d, one of the decisions that "
                                    "matter most for a random player").format(
                                        stage=row.stage, excerpt=row.excerpt)) + "</h3>",
                  "<table>" + heads(_("Option"), _("Class"), _("Random player"),
                                    _("Chance of {goal} once taken").format(goal=turning.goal))]
        parts += [f"<tr><td>{escape(option.label)}</td>"
                  f'<td class="n">{bar(option.share)}{option.count} ({percent(option.share)})'
                  f'</td><td class="n">{percent(option.random_share)}</td>'
                  f'<td class="n">{percent(option.chance)}</td></tr>' for option in row.options]
        parts += ["</table>", f"<p>{escape(gain_text(row, turning.goal))}</p>"]
    return parts


def heads(*names: str) -> str:
    """A table's row of column headings."""
    return "<tr>" + "".join(f"<th>{escape(name)}</th>" for name in names) + "</tr>"


def bar(fraction: float, kind: str = "") -> str:
    """A bar beside a figure written out (never the figure by the bar alone)."""
    return (f'<span class="bar {kind}" style="width:{max(0.0, min(fraction, 1.0)) * 8:.2f}rem">'
            "</span>")


def era_html(era: EraRow) -> list[str]:
    parts = [f"<h2>{escape(era_title(era))}</h2>",
             "<table>" + heads(_("Ending kind"), _("Class"), _("Random player (exact)"),
                               _("How surprising"))]
    for row in era.kinds:
        odds = ("-" if row.odds is None else f"{bar(row.odds, 'odds')}{percent(row.odds)}")
        parts.append(f"<tr><td>{escape(_(kind_label(row.kind)))}</td>"
                     f'<td class="n">{bar(row.share)}{row.count} ({percent(row.share)})</td>'
                     f'<td class="n">{odds}</td>'
                     f"<td>{escape(surprise_text(row, era.journeys))}</td></tr>")
    parts.append("</table><table>" + heads(_("Ending"), _("Class"), _("Random player (exact)")))
    for ending in era.endings:
        odds = "-" if ending.odds is None else percent(ending.odds)
        parts.append(f"<tr><td>{escape(ending.title)}</td>"
                     f'<td class="n">{ending.count} ({percent(ending.share)})</td>'
                     f'<td class="n">{odds}</td></tr>')
    parts.append("</table>")
    return parts


def routes_html(summary: ClassSummary) -> list[str]:
    if not summary.routes:
        return []
    parts = ["<h2>" + escape(_("Most common routes")) + "</h2>",
             "<table>" + heads(_("Journeys"), _("Route"), _("Ended"))]
    for route in summary.routes:
        steps = "<br>".join(escape(step) for step in route.steps)
        ended = "<br>".join(escape(_("{ending} ({count})").format(ending=title, count=count))
                            for title, count in route.endings.items())
        parts.append(f'<tr><td class="n">{route.count}</td><td>{steps}</td><td>{ended}</td></tr>')
    parts.append("</table>")
    return parts


def scenes_html(summary: ClassSummary) -> list[str]:
    if not summary.scenes:
        return []
    parts = ["<h2>" + escape(_("Choices the class made, scene by scene")) + "</h2>"]
    for scene in summary.scenes:
        heading = ngettext("{stage}: \u201c{excerpt}\u201d (reached {count} time)",
                           "{stage}: \u201c{excerpt}\u201d (reached {count} times)",
                           scene.met).format(stage=scene.stage, excerpt=scene.excerpt,
                                             count=scene.met)
        parts.append(f"<h3>{escape(heading)}</h3><table>")
        for choice in scene.choices:
            share = choice.count / scene.met
            parts.append(f"<tr><td>{escape(choice.label)}</td>"
                         f'<td class="n">{bar(share)}{choice.count} ({percent(share)})</td></tr>')
        parts.append("</table>")
    return parts


def arrivals_html() -> list[str]:
    chart = arrivals()
    return ([f"<h2>{escape(chart.title)}</h2>",
             f"<pre>{escape(chr(10).join(chart.chart))}</pre>", f"<p>{escape(chart.source)}</p>"]
            + ["<ul>"] + [f"<li>{escape(note)}</li>" for note in chart.notes] + ["</ul>"])
