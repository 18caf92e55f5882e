"""Retake the README's screenshots (docs/screenshots/*.png) from a demo database.

Drives Debian's headless Chromium over the DevTools protocol with
``websocket-client`` (the library Odoo's own browser tests use), logs in
through /web/login as the demo users and captures 1280x800 PNGs. The decision
letter is the frozen PDF of a demo decision, rendered with ``pdftoppm``.

    make run                                   # or any server with the demo data
    .venv/bin/python scripts/screenshots.py --url http://localhost:8069 \\
        --db goede_gesprek_demo

Not part of ``make test``. Needs: chromium, pdftoppm (poppler-utils), and
optionally pngquant (smaller files; Pillow's quantiser is used otherwise).
"""

import argparse
import base64
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import xmlrpc.client
from pathlib import Path

import websocket
from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1280, 800
MAX_BYTES = 250_000
MODULE = "hr_goede_gesprek"

# JavaScript conditions: the page is ready when the view has records and no
# request is pending (Odoo's backend shows .o_loading_indicator while busy).
BACKEND_READY = (
    "!document.querySelector('.o_loading_indicator') && !!document.querySelector(%r)"
)
PORTAL_READY = "document.readyState === 'complete' && !!document.querySelector(%r)"

# name, login, path (with {xmlid} placeholders resolved to database ids),
# the CSS selector that proves the page shows what it should, and a caption.
SHOTS = [
    (
        "manager-team-kanban",
        "manager",
        "/odoo/action-hr_goede_gesprek.hr_goede_gesprek_action_team",
        BACKEND_READY % ".o_kanban_record:not(.o_kanban_ghost)",
    ),
    (
        "manager-conversation-form",
        "manager",
        "/odoo/action-hr_goede_gesprek.hr_goede_gesprek_action_team/"
        "{conversation_planned_demo}",
        BACKEND_READY % ".o_form_view .o_field_widget",
    ),
    (
        "hr-decisions-list",
        "hr_officer",
        "/odoo/action-hr_goede_gesprek.hr_goede_gesprek_decision_action",
        BACKEND_READY % ".o_list_view .o_data_row",
    ),
    (
        "hr-rewards-list",
        "hr_officer",
        "/odoo/action-hr_goede_gesprek.hr_goede_gesprek_reward_action",
        BACKEND_READY % ".o_list_view .o_data_row",
    ),
    (
        "portal-my-conversations",
        "portal_employee",
        "/my/conversations",
        PORTAL_READY % "table tbody tr",
    ),
    (
        "portal-conversation",
        "portal_employee",
        "/my/conversations/{conversation_preparing_demo}",
        PORTAL_READY % "#wrap, main",
    ),
    (
        "portal-decision",
        "portal_employee",
        "/my/decisions/{decision_issued_demo}",
        PORTAL_READY % "#wrap, main",
    ),
]
# The letter: (file name, login that may print it, decision xmlid).
LETTER = ("decision-letter", "hr_officer", "decision_notified_demo")
# Demo records the shots open, looked up by xmlid as the administrator.
XMLIDS = [
    "conversation_planned_demo",
    "conversation_preparing_demo",
    "decision_issued_demo",
    "decision_notified_demo",
]


class Page:
    """One Chromium tab, spoken to over its DevTools websocket."""

    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, suppress_origin=True, timeout=60)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call(
            "Runtime.evaluate",
            expression=expression,
            returnByValue=True,
            awaitPromise=True,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.evaluate(expression):
                    return
            except RuntimeError:
                pass  # the page is navigating; ask again
            time.sleep(0.25)
        raise TimeoutError(f"page never satisfied: {expression}")

    def goto(self, url, ready):
        self.call("Page.navigate", url=url)
        time.sleep(0.5)
        self.wait_for(ready)
        time.sleep(1.5)  # let fonts, avatars and transitions settle

    def screenshot(self):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        return base64.b64decode(data)

    def close(self):
        self.ws.close()


class Browser:
    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="gg-screenshots-")
        self.process = subprocess.Popen(
            [
                chromium,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--no-first-run",
                "--lang=en-US",
                f"--window-size={WIDTH},{HEIGHT}",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile, "DevToolsActivePort")
        for _ in range(200):
            if port_file.exists() and port_file.read_text().count("\n") >= 1:
                break
            time.sleep(0.1)
        else:
            self.quit()
            sys.exit("error: chromium did not open its DevTools port")
        self.port = int(port_file.read_text().split()[0])

    def new_page(self):
        """A fresh tab in its own browser context: no cookies of the last user."""
        browser_ws = self._json("version")["webSocketDebuggerUrl"]
        root = Page(browser_ws)
        context = root.call("Target.createBrowserContext")["browserContextId"]
        target = root.call(
            "Target.createTarget", url="about:blank", browserContextId=context
        )["targetId"]
        root.close()
        page = Page(f"ws://127.0.0.1:{self.port}/devtools/page/{target}")
        page.call("Page.enable")
        page.call(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )
        return page

    def _json(self, what):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/{what}") as r:
            return json.load(r)

    def quit(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.profile, ignore_errors=True)


def resolve_ids(url, db, password):
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")
    uid = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").authenticate(
        db, "admin", password, {}
    )
    if not uid:
        sys.exit(f"error: admin/{password} cannot log in to {db} at {url}")
    rows = models.execute_kw(
        db,
        uid,
        password,
        "ir.model.data",
        "search_read",
        [[("module", "=", MODULE), ("name", "in", XMLIDS)]],
        {"fields": ["name", "res_id"]},
    )
    ids = {row["name"]: row["res_id"] for row in rows}
    missing = set(XMLIDS) - set(ids)
    if missing:
        sys.exit(f"error: {db} has no demo data ({', '.join(sorted(missing))})")
    return ids


def login(page, url, db, user):
    query = urllib.parse.urlencode({"db": db})
    page.goto(f"{url}/web/login?{query}", PORTAL_READY % "input[name=login]")
    page.evaluate(
        "(() => {"
        f"document.querySelector('input[name=login]').value = {json.dumps(user)};"
        f"document.querySelector('input[name=password]').value = {json.dumps(user)};"
        "document.querySelector('form.oe_login_form').submit(); return true;})()"
    )
    page.wait_for(
        "document.readyState === 'complete'"
        " && !location.pathname.startsWith('/web/login')"
    )


def close_chat_windows(page):
    """OdooBot greets a user on the first login; close its chat window."""
    page.evaluate(
        "(() => { document.querySelectorAll("
        '\'.o-mail-ChatWindow [title="Close Chat Window (ESC)"], '
        ".o-mail-ChatWindow .o-mail-ChatWindow-command[title*=Close]')"
        ".forEach(b => b.click()); return true; })()"
    )
    time.sleep(0.5)


def session_cookie(page):
    cookies = page.call("Network.getAllCookies")["cookies"]
    return next(c["value"] for c in cookies if c["name"] == "session_id")


def save(png_bytes, path):
    """Write a PNG of at most MAX_BYTES: pngquant if installed, else Pillow."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.open(io.BytesIO(png_bytes)).convert("RGB")
    image.save(path, optimize=True)
    if shutil.which("pngquant"):
        subprocess.run(
            [
                "pngquant",
                "--force",
                "--skip-if-larger",
                "--quality=65-95",
                "--speed=1",
                "--output",
                str(path),
                str(path),
            ],
            check=False,
        )
    if path.stat().st_size > MAX_BYTES:
        image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(
            path, optimize=True
        )
    size = Image.open(path).size
    print(f"{path}: {size[0]}x{size[1]}, {path.stat().st_size // 1024} KB")


def letter_png(url, cookie, decision_id):
    """Page 1 of the decision's PDF letter, margins trimmed, on a 1280x800 canvas."""
    request = urllib.request.Request(
        f"{url}/report/pdf/hr_goede_gesprek.report_decision/{decision_id}",
        headers={"Cookie": f"session_id={cookie}"},
    )
    with urllib.request.urlopen(request, timeout=300) as response:
        pdf = response.read()
    if not pdf.startswith(b"%PDF"):
        sys.exit("error: the decision letter did not come back as a PDF")
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "letter.pdf").write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-singlefile",
                "-f",
                "1",
                "-l",
                "1",
                "-r",
                "150",
                str(Path(tmp, "letter.pdf")),
                str(Path(tmp, "page")),
            ],
            check=True,
        )
        page = Image.open(Path(tmp, "page.png")).convert("RGB")
    # Trim the paper's empty margins, keep a white border, fit the canvas.
    box = ImageOps.invert(page).getbbox() or (0, 0, page.width, page.height)
    margin = 60
    page = page.crop(
        (
            max(box[0] - margin, 0),
            max(box[1] - margin, 0),
            min(box[2] + margin, page.width),
            min(box[3] + margin, page.height),
        )
    )
    page.thumbnail((WIDTH - 40, HEIGHT - 40), Image.Resampling.LANCZOS)
    canvas = Image.new("RGB", (WIDTH, HEIGHT), (82, 86, 89))
    canvas.paste(page, ((WIDTH - page.width) // 2, (HEIGHT - page.height) // 2))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return buffer.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", default="goede_gesprek_demo")
    parser.add_argument("--admin-password", default="admin")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--only", nargs="*", help="names of the shots to retake")
    args = parser.parse_args()
    url = args.url.rstrip("/")
    out = Path(args.out)
    ids = resolve_ids(url, args.db, args.admin_password)

    browser = Browser(args.chromium)
    try:
        pages = {}
        for name, user, path, ready in SHOTS:
            if args.only and name not in args.only:
                continue
            if user not in pages:
                pages[user] = browser.new_page()
                login(pages[user], url, args.db, user)
            page = pages[user]
            page.goto(url + path.format(**ids), ready)
            close_chat_windows(page)
            save(page.screenshot(), out / f"{name}.png")
        name, user, xmlid = LETTER
        if not args.only or name in args.only:
            if user not in pages:
                pages[user] = browser.new_page()
                login(pages[user], url, args.db, user)
            png = letter_png(url, session_cookie(pages[user]), ids[xmlid])
            save(png, out / f"{name}.png")
        for page in pages.values():
            page.close()
    finally:
        browser.quit()


if __name__ == "__main__":
    main()
