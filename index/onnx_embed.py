"""The same sentence embeddings on ONNX Runtime: no torch import, so a fresh process answers sooner.

`export(model)` turns the local sentence-transformers model (a BERT encoder, mean pooling,
normalization) into an ONNX graph with torch's own exporter, once per model, and keeps it only
when its vectors match the torch path's within `TOLERANCE` cosine on probe texts. `Encoder` runs
that graph with onnxruntime and the model's own `tokenizer.json` (the `tokenizers` library), then
pools and normalizes as sentence-transformers does. Exports live in $NEWSNUMBERS_ONNX_DIR, else
`~/.cache/newsnumbers/onnx`, one folder per model (`index.embed.model_name`).
"""

from __future__ import annotations

import json
import os
import shutil
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np

TOLERANCE = 1e-4  # 1 - cosine(torch vector, ONNX vector) allowed for every probe text
GRAPH, META = "model.onnx", "export.json"
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


class ExportError(RuntimeError):
    """The model cannot be exported, or its export does not reproduce the torch vectors."""


def cache_root() -> Path:
    return Path(os.environ.get("NEWSNUMBERS_ONNX_DIR") or Path.home() / ".cache" / "newsnumbers" / "onnx")


def export_folder(model: str) -> Path:
    from index.embed import model_name

    return cache_root() / model_name(model)


def available(model: str) -> bool:
    """Whether a checked export of `model` exists and onnxruntime can run it."""
    import importlib.util

    return (export_folder(model) / META).is_file() and importlib.util.find_spec("onnxruntime") is not None


def _settings(model: str) -> dict:
    """max_seq_length and pooling of the model; raises ExportError for a pipeline this module cannot reproduce."""
    folder = Path(model)
    try:
        modules = json.loads((folder / "modules.json").read_text())
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
        bert = json.loads((folder / "sentence_bert_config.json").read_text())
    except (OSError, ValueError) as err:
        raise ExportError(f"{model}: not a sentence-transformers folder this export understands ({err})") from err
    kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
    if kinds[:2] != ["Transformer", "Pooling"] or set(kinds[2:]) - {"Normalize"} or not pooling.get("pooling_mode_mean_tokens"):
        raise ExportError(f"{model}: only Transformer + mean Pooling (+ Normalize) models are exported, not {kinds}")
    if not (folder / "tokenizer.json").is_file():
        raise ExportError(f"{model}: no tokenizer.json")
    return {"max_seq_length": int(bert.get("max_seq_length", 256))}


def export(model: str, probes: list[str], log=None) -> Path:
    """Export `model` unless a checked export exists; returns its folder. Raises ExportError when
    the exported graph's vectors differ from the torch path's by more than TOLERANCE on `probes`."""
    folder = export_folder(model)
    if (folder / META).is_file():
        return folder
    settings = _settings(model)
    import torch
    from transformers import AutoModel

    log and log(f"exporting the embedding model to ONNX (once) -> {folder}")
    bert = AutoModel.from_pretrained(model, local_files_only=True).eval()

    class Hidden(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    tmp = folder.with_name(f"{folder.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        example = tuple(torch.ones((1, 8), dtype=torch.long) if n != "token_type_ids" else torch.zeros((1, 8), dtype=torch.long)
                        for n in INPUTS)
        axes = {n: {0: "batch", 1: "tokens"} for n in (*INPUTS, "last_hidden_state")}
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the tracer's notes on shapes; the check below is what counts
            torch.onnx.export(Hidden(bert), example, str(tmp / GRAPH), input_names=list(INPUTS),
                              output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17, dynamo=False)
        shutil.copy(Path(model) / "tokenizer.json", tmp / "tokenizer.json")
        (tmp / META).write_text(json.dumps({"model": str(model), **settings}))
        worst = check(model, tmp, probes)
        if worst > TOLERANCE:
            raise ExportError(f"the ONNX export of {model} differs from torch by {worst:.2e} cosine (> {TOLERANCE})")
        folder.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return folder


def check(model: str, folder: Path, texts: list[str]) -> float:
    """The largest 1 - cosine between the torch and ONNX vectors of `texts` (one at a time and batched)."""
    from index.embed import encode_torch

    expected = encode_torch(model, texts)
    encoder = Encoder(folder)
    worst = 0.0
    for got in (np.concatenate([encoder.encode([t]) for t in texts]), encoder.encode(texts)):
        worst = max(worst, float(1.0 - (expected * got).sum(axis=1).min()))
    return worst


class Encoder:
    """Normalized mean-pooled embeddings from an exported graph."""

    def __init__(self, folder: Path | str):
        import onnxruntime
        from tokenizers import Tokenizer

        folder = Path(folder)
        meta = json.loads((folder / META).read_text())
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(meta["max_seq_length"])
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(str(folder / GRAPH), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        out = []
        for start in range(0, len(texts), batch_size):
            encoded = self.tokenizer.encode_batch(texts[start:start + batch_size])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)})[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            out.append(pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None))
        if not out:
            return np.zeros((0, self.session.get_outputs()[0].shape[-1]), dtype=np.float32)
        return np.ascontiguousarray(np.concatenate(out), dtype=np.float32)


@lru_cache(maxsize=4)
def encoder(model: str) -> Encoder:
    return Encoder(export_folder(model))
