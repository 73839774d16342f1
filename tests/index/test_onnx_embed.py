"""index.onnx_embed: the build's ONNX export embeds like the torch model, and is used only when present."""

from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest

from index import embed, onnx_embed

NO_ORT = importlib.util.find_spec("onnxruntime") is None


@pytest.mark.slow
@pytest.mark.skipif(NO_ORT, reason="onnxruntime is not installed: pip install -e '.[onnx]'")
def test_the_build_exports_a_model_that_embeds_the_gold_questions_like_torch(index_dir):
    from benchmarks.timing import gold_questions

    model = embed.default_model()
    assert onnx_embed.available(model)  # the session's build exported it
    questions = gold_questions()

    expected = embed.encode_torch(model, questions)
    one_by_one = np.concatenate([onnx_embed.encoder(model).encode([q]) for q in questions])
    batched = onnx_embed.encoder(model).encode(questions, batch_size=16)

    for got in (one_by_one, batched):
        assert got.dtype == np.float32 and got.shape == expected.shape
        assert (expected * got).sum(axis=1).min() >= 1 - onnx_embed.TOLERANCE
        assert np.linalg.norm(got, axis=1) == pytest.approx(np.ones(len(questions)), abs=1e-5)
    assert onnx_embed.encoder(model).encode([]).shape == (0, expected.shape[1])


@pytest.mark.slow
@pytest.mark.skipif(NO_ORT, reason="onnxruntime is not installed")
def test_the_engine_setting(index_dir, monkeypatch):
    model = embed.default_model()
    assert embed.engine(model) == "onnx"
    monkeypatch.setenv("NEWSNUMBERS_EMBED", "torch")
    assert embed.engine(model) == "torch"


def test_no_export_means_torch(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSNUMBERS_ONNX_DIR", str(tmp_path / "empty"))
    assert not onnx_embed.available("/models/any")
    assert embed.engine("/models/any") == "torch"


@pytest.mark.parametrize("pooling, modules, message", [
    ({"pooling_mode_cls_token": True}, ["Transformer", "Pooling", "Normalize"], "only Transformer \\+ mean Pooling"),
    ({"pooling_mode_mean_tokens": True}, ["Transformer", "Pooling", "Dense"], "only Transformer \\+ mean Pooling"),
])
def test_a_model_this_export_cannot_reproduce_is_refused(tmp_path, pooling, modules, message):
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    (tmp_path / "modules.json").write_text(json.dumps([{"type": f"sentence_transformers.models.{m}"} for m in modules]))
    (tmp_path / "sentence_bert_config.json").write_text("{}")
    (tmp_path / "tokenizer.json").write_text("{}")

    with pytest.raises(onnx_embed.ExportError, match=message):
        onnx_embed.export(str(tmp_path), ["a sentence"])


def test_a_folder_without_the_configuration_is_refused(tmp_path):
    with pytest.raises(onnx_embed.ExportError, match="not a sentence-transformers folder"):
        onnx_embed.export(str(tmp_path), ["a sentence"])
