"""The project's commands on bad input: one clear line, non-zero exit, no traceback.

Runs outside Odoo's process (pytest); `make test` runs it as a step.
"""

import os
import socket
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(command, **env):
    return subprocess.run(
        ["bash", "-c", f"source scripts/lib.sh && {command}"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_missing_odoo_src(tmp_path):
    result = _run("gg_check_odoo_src", ODOO_SRC=str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert f"ODOO_SRC={tmp_path / 'nowhere'}" in result.stderr
    assert "Odoo 18.0" in result.stderr
    assert "Traceback" not in result.stderr


def test_wrong_odoo_version(tmp_path):
    (tmp_path / "odoo").mkdir()
    (tmp_path / "odoo" / "release.py").write_text(
        "version_info = (17, 0, 0, FINAL, 0, '')\n"
    )
    result = _run("gg_check_odoo_src", ODOO_SRC=str(tmp_path))
    assert result.returncode == 2
    assert "is not Odoo 18.0" in result.stderr
    assert "(17, 0, 0" in result.stderr


def test_real_odoo_src_accepted():
    result = _run("gg_check_odoo_src")
    assert result.returncode == 0, result.stderr


def test_port_taken_is_refused_clearly():
    with socket.socket() as busy:
        busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        busy.bind(("0.0.0.0", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            ["bash", "scripts/run.sh"],
            cwd=ROOT,
            env={**os.environ, "GG_HTTP_PORT": str(port)},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    assert result.returncode == 2
    assert f"port {port} is already in use" in result.stderr
    assert "GG_HTTP_PORT=" in result.stderr


def test_port_must_be_a_number():
    result = subprocess.run(
        ["bash", "scripts/run.sh"],
        cwd=ROOT,
        env={**os.environ, "GG_HTTP_PORT": "80a"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 2
    assert "is not a port number" in result.stderr


def test_odoo_requirements_adapted():
    result = _run("gg_odoo_requirements")
    assert result.returncode == 0
    assert "cbor2==5.4.2" not in result.stdout
    assert "cbor2==5.6.2" in result.stdout
    assert "python-ldap" not in result.stdout
    assert "psycopg2" in result.stdout
