"""Footer and quick links are tap targets of at least 44 px on a phone (they measured 21–23 px)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

MEASURE_JS = r"""
() => [...document.querySelectorAll('.quick-links a, .site-footer a')]
  .map(a => ({text: a.textContent.trim(), height: a.getBoundingClientRect().height,
              width: a.getBoundingClientRect().width}))
"""


@pytest.mark.django_db(transaction=True)
def test_footer_and_quick_links_are_44px_tap_targets_on_a_phone(browser, live_server, site_a):
    organization = site_a
    organization.phone = "053 123 456"
    organization.email = "saraban@example.go.th"
    organization.save()
    home = organization.site.root_page.specific
    home.quick_links = [("link", {"title": "ITA", "page": None, "url": "https://itas.nacc.go.th/"}),
                        ("link", {"title": "ศูนย์ดำรงธรรม", "page": None, "url": "https://www.damrongdhama.moi.go.th/"})]
    home.save_revision().publish()
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="th-TH")
    tab = context.new_page()
    tab.goto(live_server.url + "/")
    links = tab.evaluate(MEASURE_JS)
    tab.screenshot(path="/tmp/thai_footer_phone.png", full_page=True)
    context.close()
    assert len(links) >= 6, links  # two quick links, phone, e-mail, search, site map
    small = [link for link in links if link["height"] < 44 or link["width"] < 44]
    assert not small, small
