"""Settings for the test suite: the application's own, in the "test" environment."""

import os

os.environ.setdefault("SIGNALERING_ENV", "test")

from portal.settings import *  # noqa: E402, F403
