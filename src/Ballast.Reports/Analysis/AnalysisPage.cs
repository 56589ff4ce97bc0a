namespace Ballast.Reports.Analysis;

/// <summary>A table shown on an analysis page, with the notes the command prints under it.</summary>
/// <param name="Id">Anchor and CSS hook (e.g. <c>dividend</c>).</param>
/// <param name="Title">Heading above the table.</param>
/// <param name="Data">Column headers and formatted cells (the same text the command prints).</param>
/// <param name="Notes">Notes shown beneath.</param>
public sealed record AnalysisTable(string Id, string Title, DataTable Data, IReadOnlyList<string> Notes);

/// <summary>One section of an analysis page: text, then figures, then tables.</summary>
/// <param name="Id">Anchor (<c>section id</c>).</param>
/// <param name="Heading">Section heading.</param>
/// <param name="Paragraphs">Plain-text paragraphs.</param>
/// <param name="Figures">Figures (inline SVG, caption, collapsed data table).</param>
/// <param name="Tables">Tables shown open.</param>
public sealed record AnalysisSection(string Id, string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<Figure> Figures, IReadOnlyList<AnalysisTable> Tables);

/// <summary>
/// A self-contained report of one analysis command (<c>optimize</c>, <c>sensitivity</c>, <c>discover</c>, <c>robust</c>):
/// the same page layout, stylesheet and no-network rules as <c>report.html</c>.
/// </summary>
/// <param name="Title">Page title and heading.</param>
/// <param name="Meta">One line under the heading (what was analysed, with which settings).</param>
/// <param name="Sections">Sections, top to bottom.</param>
/// <param name="Sources">Data and method citations, listed at the end.</param>
public sealed record AnalysisPage(string Title, string Meta, IReadOnlyList<AnalysisSection> Sections, IReadOnlyList<string> Sources);
