"""Settings from TOML and the environment (core.config)."""

from pathlib import Path

import pytest

from core.config import load_settings
from core.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path, text):
    path = tmp_path / "fengqiao.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_give_embedded_sqlite():
    settings = load_settings(environ={})
    assert settings.database_url == "sqlite://fengqiao.db" and settings.is_sqlite
    assert settings.limits.default_page_size == 50 and settings.limits.max_page_size == 200


def test_example_file_documents_valid_settings():
    settings = load_settings(ROOT / "fengqiao.example.toml", environ={})
    assert settings.timezone == "Asia/Shanghai"


def test_toml_values_are_read(tmp_path):
    path = write(
        tmp_path, '[server]\nport = 9000\ncors_origins = ["https://a.example"]\n[plugins]\nenabled = ["mediation"]\n'
    )
    settings = load_settings(path, environ={})
    assert settings.server.port == 9000 and settings.server.cors_origins == ("https://a.example",)
    assert settings.plugins.enabled == ("mediation",)


def test_environment_overrides_file(tmp_path):
    path = write(tmp_path, "[server]\nport = 9000\n")
    settings = load_settings(
        path, environ={"FENGQIAO_SERVER__PORT": "9100", "FENGQIAO_PLUGINS__ENABLED": "mediation,patrol"}
    )
    assert settings.server.port == 9100 and settings.plugins.enabled == ("mediation", "patrol")


def test_config_path_from_environment(tmp_path):
    path = write(tmp_path, 'timezone = "UTC"\n')
    assert load_settings(environ={"FENGQIAO_CONFIG": str(path)}).timezone == "UTC"


def test_unknown_key_is_named(tmp_path):
    with pytest.raises(ConfigError, match="server.prot: unknown setting"):
        load_settings(write(tmp_path, "[server]\nprot = 1\n"), environ={})


def test_bad_value_is_named(tmp_path):
    with pytest.raises(ConfigError, match="server.port: expected an integer, got 'abc'"):
        load_settings(environ={"FENGQIAO_SERVER__PORT": "abc"})


def test_bad_timezone_is_named():
    with pytest.raises(ConfigError, match="timezone: unknown time zone"):
        load_settings(environ={"FENGQIAO_TIMEZONE": "Mars/Olympus"})


def test_short_secret_is_refused():
    with pytest.raises(ConfigError, match="secret_key: must be at least 32 characters"):
        load_settings(environ={"FENGQIAO_SECRET_KEY": "short"})


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_settings(tmp_path / "nope.toml", environ={})


def test_invalid_toml_is_reported(tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(write(tmp_path, "[server\n"), environ={})


def test_unknown_database_scheme_is_refused():
    with pytest.raises(ConfigError, match="database_url: expected sqlite"):
        load_settings(environ={"FENGQIAO_DATABASE_URL": "mysql://x"})


def test_postgres_without_secret_refuses_to_start():
    from core.runtime import resolve_secret

    settings = load_settings(environ={"FENGQIAO_DATABASE_URL": "postgres://postgres@127.0.0.1/test"})
    with pytest.raises(ConfigError, match="secret_key: required for a PostgreSQL deployment"):
        resolve_secret(settings)


def test_sqlite_secret_is_generated_once_beside_the_database(tmp_path):
    from core.runtime import resolve_secret

    settings = load_settings(environ={"FENGQIAO_DATABASE_URL": f"sqlite://{tmp_path / 'x.db'}"})
    first = resolve_secret(settings)
    assert resolve_secret(settings) == first
    secret_file = tmp_path / "x.db.secret"
    assert secret_file.stat().st_mode & 0o077 == 0
