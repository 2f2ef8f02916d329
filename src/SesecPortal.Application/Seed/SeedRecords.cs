using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Seed;

/// <summary>
/// The records one load refers to, by slug (standards by the key of their code, or by slug when they have none): the stored
/// ones the seed names and the ones the load adds. The <c>New…</c> lists hold the seed entries the load adds, for the steps
/// that complete only new records.
/// </summary>
internal sealed class SeedRecords
{
    public Dictionary<string, Sector> Sectors { get; set; } = new();

    public Dictionary<string, Organisation> Organisations { get; set; } = new();

    public Dictionary<string, WorkingGroup> WorkingGroups { get; set; } = new();

    public Dictionary<string, Standard> Standards { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Policy> Policies { get; set; } = new();

    public Dictionary<string, Article> Articles { get; set; } = new();

    public List<SeedWorkingGroup> NewWorkingGroups { get; } = [];

    public List<SeedStandard> NewStandards { get; } = [];

    public List<SeedArticle> NewArticles { get; } = [];
}
