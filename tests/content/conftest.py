import pytest
import yaml

from course_content.yaml_source import loader_class


@pytest.fixture(params=["libyaml", "pure-python"])
def yaml_loader(request, monkeypatch):
    """Run the test once with libyaml (the default) and once with PyYAML's pure-Python loader."""
    if request.param == "pure-python":
        monkeypatch.setenv("KSI_YAML_PURE", "1")
        expected = yaml.SafeLoader
    else:
        monkeypatch.delenv("KSI_YAML_PURE", raising=False)
        expected = getattr(yaml, "CSafeLoader", None)
        assert expected is not None, "PyYAML was built without libyaml: install a wheel that has it"
    assert loader_class() is expected
    return expected
