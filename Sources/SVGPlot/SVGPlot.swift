// SVGPlot — standalone, escaped-by-default SVG documents and the plot kinds built on them.
// Plain arrays in, SVG text out; no dependency on the shell or the numerics.
