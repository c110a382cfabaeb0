"""geolib: who said what about great-power politics in the news."""

from geolib.corpus import Corpus, load_corpus
from geolib.errors import ArticleError
from geolib.model import Article, Dropped, Paragraph
from geolib.parse import read_article
from geolib.stance.sentiment import sentiment_toward

__version__ = "0.1.0"

__all__ = [
    "Article", "ArticleError", "Corpus", "Dropped", "Paragraph", "__version__", "load_corpus", "read_article",
    "sentiment_toward",
]
