"""`journey play --watch` in the app: the scenario file polled on a timer, and what each edit did
shown over the journey, which is never lost: a notice when it was reloaded, the question when
it no longer fits, the problems (as `journey check` prints them) when the file does not load.
The decisions are frontend.watch's; this only renders them."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from journey.filewatch import POLL_SECONDS
from journey.frontend.playthrough import Playthrough
from journey.frontend.watch import Broken, Change, Reloaded, Unfit, Watch
from journey.ui.screens.dialogs import TextScreen
from journey.ui.screens.unfit import Answer, UnfitScreen

if TYPE_CHECKING:
    from journey.ui.app import JourneyApp


class AppWatch:
    """Watches the app's scenario file from `start` until the app exits."""

    def __init__(self, app: JourneyApp, watch: Watch):
        self.app = app
        self.watch = watch

    def start(self) -> None:
        self.app.set_interval(POLL_SECONDS, self.poll, name="watch")

    def poll(self) -> None:
        if not self.app.closing:
            self.show(self.watch.poll(self.app.session))

    def catch_up(self) -> None:
        """A journey was opened: bring it to the latest version of the file."""
        self.show(self.watch.catch_up(self.app.session))

    def show(self, change: Change | None) -> None:
        app = self.app
        if change is None or app.session is None:
            return
        app.show_main(app.main_screen)  # close what an earlier edit (or anything) opened
        if isinstance(change, Reloaded):
            app.notify(change.text, title="Watching", markup=False, timeout=4)
            app.show_session()
        elif isinstance(change, Unfit):
            app.push_screen(UnfitScreen(change),
                            partial(self.answered, change, app.session.journey))
        elif isinstance(change, Broken):
            app.push_screen(TextScreen(change.title,
                                       "\n".join((change.kept, "", *change.lines))))

    def answered(self, change: Unfit, asked: Playthrough, answer: Answer | None) -> None:
        """Play on from the start picked, unless the journey moved on meanwhile."""
        session = self.app.session
        if answer is None or session is None or session.journey is not asked:
            return
        session.follow(change.nearest if answer == "carry_on" else change.again)
        self.app.report_save_error(session)
        self.app.show_session()
