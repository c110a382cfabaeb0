"""Errors geolib raises for input it cannot use."""


class ArticleError(Exception):
    """A file that cannot be read as an article; the message names the file and the problem."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
