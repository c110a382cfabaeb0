"""geolib: who said what about great-power politics in the news."""

from geolib.errors import ArticleError
from geolib.model import Article, Dropped, Paragraph
from geolib.parse import read_article

__version__ = "0.1.0"

__all__ = ["Article", "ArticleError", "Dropped", "Paragraph", "__version__", "read_article"]
