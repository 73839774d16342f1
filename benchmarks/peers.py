"""Other retrieval stacks on the project's own sentences: LlamaIndex and Haystack, set up as their
documentation shows a new user, with the same bundled embedding model and no network.

Each peer indexes the index's sentences as its documents (one document per sentence, so no
splitter and no NLTK data is needed) and returns hits whose `index` is the sentence row, so
`benchmarks.retrieval.evaluate` scores them exactly as it scores the project's own search.
Install them with `pip install -e '.[bench]'` (never needed to run the app).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

DEPTH = 10  # what each ranking of a hybrid passes to its fusion (k = 5 is kept)


@dataclass(frozen=True)
class PeerHit:
    index: int
    score: float


def missing() -> list[str]:
    """Peer packages that are not installed."""
    wanted = {"llama-index-core": "llama_index.core", "llama-index-embeddings-huggingface": "llama_index.embeddings.huggingface",
              "llama-index-retrievers-bm25": "llama_index.retrievers.bm25", "haystack-ai": "haystack",
              "sentence-transformers-haystack": "haystack_integrations.components.embedders.sentence_transformers"}
    out = []
    for package, module in wanted.items():
        try:
            found = importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:
            found = False
        if not found:
            out.append(package)
    return out


def llama_index(sentences, model: str) -> dict:
    """LlamaIndex: VectorStoreIndex, BM25Retriever and QueryFusionRetriever (reciprocal rank fusion)."""
    from llama_index.core import VectorStoreIndex
    from llama_index.core.llms import MockLLM
    from llama_index.core.retrievers import QueryFusionRetriever
    from llama_index.core.schema import TextNode
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from llama_index.retrievers.bm25 import BM25Retriever

    nodes = [TextNode(text=s.text, id_=str(i), metadata={"row": i}) for i, s in enumerate(sentences)]
    embedder = HuggingFaceEmbedding(model_name=model, device="cpu", normalize=True)
    index = VectorStoreIndex(nodes, embed_model=embedder, show_progress=False)

    def searcher(make):
        def search(question: str, k: int = 5):
            return [PeerHit(int(n.node.metadata["row"]), float(n.score or 0.0)) for n in make(k).retrieve(question)][:k]
        return search

    vector = lambda k: index.as_retriever(similarity_top_k=k)  # noqa: E731
    bm25 = lambda k: BM25Retriever.from_defaults(nodes=nodes, similarity_top_k=k)  # noqa: E731
    made = {"vector": vector(DEPTH), "bm25": bm25(DEPTH)}
    fusion = QueryFusionRetriever([made["vector"], made["bm25"]], llm=MockLLM(), mode="reciprocal_rerank",
                                  similarity_top_k=5, num_queries=1, use_async=False)
    return {
        "LlamaIndex vector": searcher(lambda k: made["vector"]),
        "LlamaIndex BM25": searcher(lambda k: made["bm25"]),
        "LlamaIndex fusion (RRF)": searcher(lambda k: fusion),
    }


def haystack(sentences, model: str) -> dict:
    """Haystack: in-memory store, sentence-transformers embedders, embedding and BM25 retrievers,
    DocumentJoiner with reciprocal rank fusion."""
    from haystack import Document
    from haystack.components.joiners import DocumentJoiner
    from haystack.components.retrievers.in_memory import InMemoryBM25Retriever, InMemoryEmbeddingRetriever
    from haystack.document_stores.in_memory import InMemoryDocumentStore
    from haystack_integrations.components.embedders.sentence_transformers import (
        SentenceTransformersDocumentEmbedder, SentenceTransformersTextEmbedder)

    store = InMemoryDocumentStore()
    documents = [Document(content=s.text, meta={"row": i}) for i, s in enumerate(sentences)]
    doc_embedder = SentenceTransformersDocumentEmbedder(model=model, local_files_only=True, progress_bar=False,
                                                        normalize_embeddings=True)
    doc_embedder.warm_up()
    store.write_documents(doc_embedder.run(documents)["documents"])
    text_embedder = SentenceTransformersTextEmbedder(model=model, local_files_only=True, progress_bar=False,
                                                     normalize_embeddings=True)
    text_embedder.warm_up()
    dense = InMemoryEmbeddingRetriever(store, top_k=DEPTH)
    bm25 = InMemoryBM25Retriever(store, top_k=DEPTH)
    joiner = DocumentJoiner(join_mode="reciprocal_rank_fusion", top_k=5)

    def hits(documents, k):
        return [PeerHit(int(d.meta["row"]), float(d.score or 0.0)) for d in documents][:k]

    def embedding(question: str, k: int = 5):
        vector = text_embedder.run(question)["embedding"]
        return hits(dense.run(query_embedding=vector, top_k=k)["documents"], k)

    def keyword(question: str, k: int = 5):
        return hits(bm25.run(query=question, top_k=k)["documents"], k)

    def hybrid(question: str, k: int = 5):
        vector = text_embedder.run(question)["embedding"]
        both = [dense.run(query_embedding=vector)["documents"], bm25.run(query=question)["documents"]]
        return hits(joiner.run(documents=both)["documents"], k)

    return {"Haystack embedding": embedding, "Haystack BM25": keyword, "Haystack hybrid (RRF)": hybrid}
