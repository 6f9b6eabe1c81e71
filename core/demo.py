"""The shared context passed to each app's demo loader (see `manage.py load_demo`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TextIO


@dataclass
class DemoContext:
    """What earlier demo steps made, for later steps to build on.

    `organizations` holds the demo LGOs in order (the first is served on 127.0.0.1, the second on localhost);
    `users` maps a username to its User; `credentials` lists (url, username, role description) rows printed at the
    end, all sharing `password`.
    """

    stdout: TextIO
    password: str
    organizations: list[Any] = field(default_factory=list)
    users: dict[str, Any] = field(default_factory=dict)
    credentials: list[tuple[str, str, str]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def say(self, message: str) -> None:
        self.stdout.write(message + "\n")
