"""What every browser test shares: signing in to the admin as a given user."""

from __future__ import annotations

import re


def sign_in(page, base_url: str, user, password: str | None = None) -> None:
    """Sign in on the admin's login form as `user` (its `plain_password` unless given) and wait for the dashboard."""
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password or user.plain_password)
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/admin/$"))
