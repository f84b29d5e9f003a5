"""Tests for the configuration file: discovery, keys, patterns, and errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from trialmodel.config import Config, ConfigError, Patterns, find_config, load_config


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_trialmodel_toml_is_read(tmp_path: Path) -> None:
    """Every key of trialmodel.toml is read, patterns relative to its folder."""
    file = _write(
        tmp_path / "trialmodel.toml",
        'select = ["yaml11_", "enum"]\nignore = ["cell_product_possibly_missing"]\nstrict = true\n'
        'exclude = ["drafts"]\n[per-file-ignores]\n'
        '"records/history" = ["status_needs_why_stopped"]\n',
    )
    config = load_config(file)
    assert config.select == ("yaml11_", "enum")
    assert config.strict is True
    assert config.excluded(tmp_path / "drafts" / "a.yaml")
    assert not config.excluded(tmp_path / "records" / "a.yaml")
    history = tmp_path / "records" / "history" / "NCT1" / "v.yaml"
    ignored = ("cell_product_possibly_missing", "status_needs_why_stopped")
    assert config.ignored_for(history) == ignored
    assert config.ignored_for(tmp_path / "records" / "a.yaml") == ("cell_product_possibly_missing",)


def test_pyproject_table_is_found_above(tmp_path: Path) -> None:
    """[tool.trialmodel] in a pyproject.toml of a folder above is found; one without it is not."""
    _write(tmp_path / "pyproject.toml", '[tool.trialmodel]\nignore = ["yaml11_"]\n')
    _write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    found = find_config(tmp_path / "sub" / "deeper")
    assert found == tmp_path / "pyproject.toml"
    assert load_config(found).ignore == ("yaml11_",)


def test_trialmodel_toml_wins_in_one_folder(tmp_path: Path) -> None:
    """In one folder, trialmodel.toml is preferred to pyproject.toml."""
    _write(tmp_path / "pyproject.toml", "[tool.trialmodel]\nstrict = true\n")
    _write(tmp_path / "trialmodel.toml", "strict = false\n")
    assert find_config(tmp_path) == tmp_path / "trialmodel.toml"


def test_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    """A configuration above the git repository's root is not used."""
    _write(tmp_path / "trialmodel.toml", "strict = true\n")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert find_config(tmp_path / "repo") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("strict = 1\n", "'strict' must be true or false"),
        ("selct = []\n", "unknown key 'selct'; did you mean 'select'?"),
        ('ignore = ["status_needs_why"]\n', "did you mean 'status_needs_why_stopped'?"),
        ('exclude = "drafts"\n', "'exclude' must be a list of strings"),
        ('[per-file-ignores]\n"a" = ["nope_"]\n', "'per-file-ignores.a' names unknown code"),
        ("strict = \n", "not valid TOML"),
    ],
)
def test_bad_configuration_names_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    """A wrong key, type or code raises ConfigError naming the file and what is wrong."""
    file = _write(tmp_path / "trialmodel.toml", text)
    with pytest.raises(ConfigError) as raised:
        load_config(file)
    assert str(raised.value).startswith(str(file))
    assert message in str(raised.value)


def test_patterns_with_and_without_slash(tmp_path: Path) -> None:
    """A bare name matches any part; a pattern with / matches from the root; folders cover all."""
    patterns = Patterns(tmp_path, ("*.draft.yaml", "records/history/", "x/NCT0*"))
    assert patterns.match(tmp_path / "a" / "b.draft.yaml")
    assert patterns.match(tmp_path / "records" / "history" / "NCT1" / "v.yaml")
    assert patterns.match(tmp_path / "x" / "NCT01.yaml")
    assert not patterns.match(tmp_path / "records" / "NCT1.yaml")
    assert not patterns.match(tmp_path.parent / "records" / "history" / "v.yaml")


def test_default_config_changes_nothing() -> None:
    """Without a file, nothing is excluded or ignored and strict is off."""
    config = Config()
    assert (config.select, config.ignore, config.strict) == (None, (), False)
    assert not config.excluded("records/a.yaml")


def test_documented_example_is_a_valid_configuration(tmp_path: Path) -> None:
    """The trialmodel.toml example in docs/validate.md loads as documented."""
    page = (Path(__file__).parents[2] / "docs" / "validate.md").read_text(encoding="utf-8")
    example = page.split("```toml\n", 1)[1].split("```", 1)[0]
    config = load_config(_write(tmp_path / "trialmodel.toml", example))
    assert config.strict is True
    assert config.excluded(tmp_path / "records" / "history" / "NCT1" / "v.yaml")
    assert config.ignored_for(tmp_path / "records" / "history" / "a.yaml") == (
        "cell_product_possibly_missing",
        "status_needs_why_stopped",
    )
