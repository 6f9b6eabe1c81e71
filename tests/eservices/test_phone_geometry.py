"""Every step of every demo service, opened on a 390 px phone: no sideways scroll, every input on screen, nothing
drawn over another question's label. Geometry is measured in the browser (axe does not see overprinting).

Each service is walked as a citizen would: the test fills each step with valid answers and presses "ถัดไป". Steps
shown only for a given earlier answer (show-if) get a walk of their own with that answer chosen, so every step of
the definition is opened at least once, and each step is also measured with its error messages showing.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError

from core import thai
from eservices import demo
from eservices.models import ServiceIndexPage, ServicePage

from .conftest import VALID_ID, pdf_bytes

PHONE = {"width": 390, "height": 844}

# Runs in the page: returns a list of human-readable problems (empty when the layout is sound).
GEOMETRY_JS = r"""
() => {
  const problems = [];
  const doc = document.documentElement;
  const width = window.innerWidth;
  if (doc.scrollWidth > width + 1) problems.push(`page is ${doc.scrollWidth}px wide on a ${width}px screen`);
  const form = document.querySelector('main form[method=post]') || document.querySelector('main');
  const controls = [...form.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
    .filter(el => !el.closest('[hidden]'));
  for (const el of controls) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < -0.5 || r.right > width + 0.5) {
      problems.push(`${el.name || el.id || el.tagName} spans ${Math.round(r.left)}..${Math.round(r.right)}px`);
    }
  }
  const overlaps = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
    && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const groups = [...document.querySelectorAll('main .form-group[id^="q-"]')];
  for (const group of groups) {
    const labels = [...group.querySelectorAll(':scope > label.label, :scope > fieldset > legend')];
    for (const label of labels) {
      const lr = label.getBoundingClientRect();
      for (const other of groups) {
        if (other === group) continue;
        const parts = 'input:not([type=hidden]), select, textarea, label, legend, .hint, .error-message';
        for (const el of other.querySelectorAll(parts)) {
          const r = el.getBoundingClientRect();
          if (r.width && r.height && overlaps(lr, r)) {
            const what = (el.textContent || el.name || '').trim().slice(0, 30);
            problems.push(`${other.id} ${el.tagName.toLowerCase()} "${what}" overlaps the label of ${group.id}`);
          }
        }
      }
      // Inside the question itself: options and inputs sit below its label, never on it.
      for (const el of group.querySelectorAll('input:not([type=hidden]), select, textarea')) {
        const r = el.getBoundingClientRect();
        if (r.width && r.height && overlaps(lr, r)) problems.push(`${el.name} is drawn over the label of ${group.id}`);
      }
    }
    // Each option's control and its text side by side, inside the viewport, not on top of one another.
    for (const input of group.querySelectorAll('input[type=radio], input[type=checkbox]')) {
      const text = group.querySelector(`label[for="${input.id}"]`);
      if (!text) { problems.push(`${input.id} has no label`); continue; }
      const a = input.getBoundingClientRect(), b = text.getBoundingClientRect();
      if (a.width < 16 || a.height < 16) problems.push(`${input.id} is only ${Math.round(a.width)}px wide`);
      if (overlaps(a, b)) problems.push(`${input.id} overlaps its own label`);
      if (b.right > width + 0.5) problems.push(`label of ${input.id} ends at ${Math.round(b.right)}px`);
    }
  }
  return problems;
}
"""


def _install_demo_catalogue(organization) -> list[ServicePage]:
    """The 14 demo services exactly as `load_demo` publishes them (without the demo cases)."""
    home = organization.site.root_page.specific
    index = ServiceIndexPage(title="บริการออนไลน์ (e-Service)", slug="e-service")
    home.add_child(instance=index)
    return [demo._service_page(organization, index, spec) for spec in demo.catalogue()]


def _numbers(service: ServicePage) -> dict[str, str]:
    """A valid answer for every number question (inside its allowed range)."""
    values = {}
    for step in service.form_definition()["steps"]:
        for spec in step["fields"]:
            if spec["type"] == "number":
                low = Decimal(str(spec["min_value"])) if spec.get("min_value") not in (None, "") else Decimal(1)
                values[spec["key"]] = str(max(low, Decimal(1)))
    return values


def _conditions(service: ServicePage) -> list[dict[str, str]]:
    """One set of forced answers per show-if condition (steps and questions), after the plain walk."""
    plans: list[dict[str, str]] = [{}]
    for step in service.form_definition()["steps"]:
        for item in (step, *step["fields"]):
            if item.get("show_if_field") and item.get("show_if_value"):
                plan = {item["show_if_field"]: item["show_if_value"]}
                if plan not in plans:
                    plans.append(plan)
    return plans


def _fill(page, forced: dict[str, str], numbers: dict[str, str]) -> None:
    """Valid answers for every question on the current step, chosen from each input's kind."""
    today = timezone.localdate()
    date_text = f"{today.day:02d}/{today.month:02d}/{today.year + thai.BE_OFFSET}"
    for group in page.locator("main .form-group[id^='q-']").all():
        key = (group.get_attribute("id") or "")[2:]
        choices = group.locator("input[type=radio], input[type=checkbox]")
        if choices.count():
            wanted = forced.get(key)
            target = group.locator(f"input[value='{wanted}']") if wanted else choices.first
            target.check()
            continue
        select = group.locator("select")
        if select.count():
            options = [o for o in select.locator("option").all() if o.get_attribute("value")]
            select.select_option(forced.get(key) or options[0].get_attribute("value"))
            continue
        files = group.locator("input[type=file]")
        if files.count():
            files.set_input_files(files=[{"name": "เอกสาร.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}])
            continue
        for field in group.locator("input[type=text], input[type=tel], input[type=email], textarea").all():
            classes = field.get_attribute("class") or ""
            name = field.get_attribute("name") or ""
            if name.endswith(("_lat", "_lng")):
                continue
            if "input--id" in classes:
                value = VALID_ID
            elif "input--phone" in classes:
                value = "0812345678"
            elif field.get_attribute("type") == "email":
                value = "somsri@example.com"
            elif "input--postcode" in classes:
                value = "57100"
            elif "input--date" in classes:
                value = date_text
            elif name in numbers:
                value = numbers[name]
            else:
                value = "ทดสอบ 12 หมู่ 3"
            field.fill(value)


def _measure(page, where: str) -> list[str]:
    return [f"{where}: {problem}" for problem in page.evaluate(GEOMETRY_JS)]


def _walk(browser, base: str, service: ServicePage, forced: dict[str, str], *, with_errors: bool) -> tuple[set, list]:
    """File the service step by step up to the check-your-answers page, in a fresh phone-sized tab (no draft of an
    earlier walk in its session); returns the step titles seen and the problems measured."""
    context = browser.new_context(locale="th-TH", viewport=PHONE)
    try:
        page = context.new_page()
        page.set_default_timeout(5000)
        return _walk_in(page, base, service, forced, with_errors=with_errors)
    finally:
        context.close()


def _walk_in(page, base: str, service: ServicePage, forced: dict[str, str], *, with_errors: bool) -> tuple[set, list]:
    seen: set[str] = set()
    problems: list[str] = []
    numbers = _numbers(service)
    page.goto(base + service.get_url_parts()[2])
    page.click("button.button--start")
    for _ in range(20):
        if not page.locator("button[name=continue]").count():
            break
        title = page.locator("main h1").inner_text().strip()
        seen.add(title)
        where = f"{service.slug} step «{title}»"
        problems += _measure(page, where)
        if with_errors:  # first press "ถัดไป" with nothing answered: the step again, with its error messages
            page.click("button[name=continue]")
            if not page.locator(".error-summary").count():
                continue  # nothing on this step is required: the next step is on screen now
            problems += _measure(page, where + " with errors")
        try:
            _fill(page, forced, numbers)
        except PlaywrightError as error:  # e.g. an option drawn off screen cannot be ticked
            problems.append(f"{where}: a citizen cannot answer: {str(error).splitlines()[0]}")
            break
        page.click("button[name=continue]")
        if page.locator(".error-summary").count() and page.locator("main h1").inner_text().strip() == title:
            problems.append(f"{where}: valid answers refused: {page.locator('.error-summary').inner_text()}")
            break
    else:
        problems.append(f"{service.slug}: never reached the check-your-answers page")
    return seen, problems


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_step_of_every_demo_service_fits_a_phone(browser, live_server, org_a):
    services = _install_demo_catalogue(org_a)
    assert len(services) >= 14
    problems: list[str] = []
    for service in services:
        titles = {step["title"] for step in service.form_definition()["steps"]}
        assert titles, service.slug
        seen: set[str] = set()
        for number, forced in enumerate(_conditions(service)):
            walked, found = _walk(browser, live_server.url, service, forced, with_errors=number == 0)
            seen |= walked
            problems += found
        missing = titles - seen
        assert not missing, f"{service.slug}: steps never opened: {missing}\n" + "\n".join(problems)
    assert not problems, "\n".join(problems)

