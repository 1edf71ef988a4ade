"""What every product writes, as one model: a document of sections, tables of typed cells,
paragraphs, notes and charts (`model`, `cells`). The products build one
(checker/products/); the renderers (checker/render/) write any document in their format."""
