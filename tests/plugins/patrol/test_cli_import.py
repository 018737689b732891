"""``fengqiao import``: the patrol plugin's command, contributed through the ``fengqiao_commands`` hook."""

import pytest

from core.cli import main


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "fengqiao.toml"
    path.write_text(
        f'database_url = "sqlite://{tmp_path / "cli.db"}"\n'
        'secret_key = "cli-test-secret-0123456789-abcdefghijkl"\n'
        '[plugins]\nenabled = ["patrol"]\nthird_party = false\n',
        encoding="utf-8",
    )
    return str(path)


def test_import_addresses_from_the_command_line(config, tmp_path, capsys):
    assert main(["--config", config, "demo"]) == 0
    csv = tmp_path / "addresses.csv"
    csv.write_text(
        "区域,地址\n城东街道/文峰社区,文峰路1号\n城东街道/文峰社区,文峰路2号\n不存在的区域,文峰路3号\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    status = main(["--config", config, "import", str(csv), "--station", "511725-CD", "--kind", "addresses"])
    out = capsys.readouterr().out
    assert status == 1  # one row was rejected
    assert "3 rows, 2 imported, 1 rejected" in out
    assert "  line 4: " in out


def test_dry_run_writes_nothing(config, tmp_path, capsys):
    assert main(["--config", config, "demo"]) == 0
    csv = tmp_path / "addresses.csv"
    csv.write_text("区域,地址\n城东街道/文峰社区,文峰路9号\n", encoding="utf-8")
    assert (
        main(["--config", config, "import", str(csv), "--station", "511725-CD", "--kind", "addresses", "--dry-run"])
        == 0
    )
    capsys.readouterr()
    assert main(["--config", config, "import", str(csv), "--station", "511725-CD", "--kind", "addresses"]) == 0


def test_import_command_is_absent_without_the_patrol_plugin(tmp_path, capsys):
    path = tmp_path / "fengqiao.toml"
    path.write_text("[plugins]\nenabled = []\nthird_party = false\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["--config", str(path), "import", "x.csv"])
    assert exit_.value.code == 2 and "invalid choice: 'import'" in capsys.readouterr().err
