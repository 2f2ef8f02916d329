using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;

namespace SesecPortal.Application.Features.OpenData;

/// <summary>
/// Checks the <c>previous</c> of policy lines as an import reads them, with the editors' rules: the previous version is a
/// policy of the file or of the portal, the link makes no loop and no fork (a version has one next version). A line whose
/// previous version comes later in the file waits for it and is written at the end; one whose previous version never
/// comes, or whose link would make a loop or a fork, is refused whole, with its line number and the reason.
/// </summary>
internal sealed class PolicyImportLinks(PortalDbContext db)
{
    private const int MaxDepth = 100;

    /// <summary>The policy lines admitted so far, by interchange id, with the previous version they name (null: left as it is).</summary>
    private readonly Dictionary<string, (int Line, string? Previous)> admitted = new(StringComparer.Ordinal);

    /// <summary>Which admitted line follows each previous version named in the file.</summary>
    private readonly Dictionary<string, (int Line, string Next)> followedBy = new(StringComparer.Ordinal);

    private readonly Dictionary<string, Stored?> stored = new(StringComparer.Ordinal);
    private readonly List<PolicyLine> waiting = [];

    private sealed record Stored(string? Previous, string? Next);

    /// <summary>Whether the line can be written now; a line that must wait is kept here (see <see cref="FinishAsync"/>).</summary>
    public async Task<(bool Ready, ImportError? Refused)> AdmitAsync(PolicyLine line, CancellationToken ct)
    {
        if (line.Previous is null)
        {
            admitted[line.ExternalId] = (line.Line, null);
            return (true, null);
        }

        if (!admitted.ContainsKey(line.Previous) && await FindAsync(line.Previous, ct) is null)
        {
            waiting.Add(line);
            return (false, null);
        }

        var problem = await ProblemAsync(line, ct);
        if (problem is not null)
        {
            return (false, new ImportError(line.Line, line.ExternalId, problem));
        }

        admitted[line.ExternalId] = (line.Line, line.Previous);
        followedBy[line.Previous] = (line.Line, line.ExternalId);
        return (true, null);
    }

    /// <summary>After the last line: the waiting lines whose previous version came later in the file, in an order that writes a version before its next one; and the refused.</summary>
    public async Task<(List<PolicyLine> Ready, List<ImportError> Refused)> FinishAsync(CancellationToken ct)
    {
        var ready = new List<PolicyLine>();
        var refused = new List<ImportError>();
        bool progress;
        do
        {
            progress = false;
            foreach (var line in waiting.Where(l => admitted.ContainsKey(l.Previous!)).ToList())
            {
                waiting.Remove(line);
                progress = true;
                if (await ProblemAsync(line, ct) is { } problem)
                {
                    refused.Add(new ImportError(line.Line, line.ExternalId, problem));
                    continue;
                }

                admitted[line.ExternalId] = (line.Line, line.Previous);
                followedBy[line.Previous!] = (line.Line, line.ExternalId);
                ready.Add(line);
            }
        }
        while (progress);

        refused.AddRange(waiting.Select(l => new ImportError(l.Line, l.ExternalId,
            $"previous “{ImportLineParser.Short(l.Previous!)}” is not a policy of this file or of the portal: give the interchange id of the version it follows.")));
        waiting.Clear();
        return (ready, refused);
    }

    private async Task<string?> ProblemAsync(PolicyLine line, CancellationToken ct)
    {
        var previous = line.Previous!;
        if (followedBy.TryGetValue(previous, out var other) && other.Next != line.ExternalId)
        {
            return $"previous: {previous} is already followed by {other.Next} (line {other.Line}); a version has one next version.";
        }

        if (!admitted.ContainsKey(previous) && await FindAsync(previous, ct) is { Next: { } next } && next != line.ExternalId
            && !(admitted.TryGetValue(next, out var moved) && moved.Previous is not null && moved.Previous != previous))
        {
            return $"previous: {previous} is already followed by {next} in the portal; a version has one next version.";
        }

        // A loop: this policy is among the earlier versions of the one it would follow (as the file, else the portal, links them).
        var current = previous;
        for (var depth = 0; current is not null && depth < MaxDepth; depth++)
        {
            if (current == line.ExternalId)
            {
                return $"previous: {previous} is a later version of {line.ExternalId}, so linking them would make the chain go round in a loop.";
            }

            current = admitted.TryGetValue(current, out var a) && a.Previous is not null ? a.Previous : (await FindAsync(current, ct))?.Previous;
        }

        return null;
    }

    /// <summary>A policy of the portal by interchange id (or <c>portal-policy-N</c>), with its previous and next versions' ids.</summary>
    private async Task<Stored?> FindAsync(string id, CancellationToken ct)
    {
        if (stored.TryGetValue(id, out var known))
        {
            return known;
        }

        var found = await Query(db.Policies.AsNoTracking().Where(p => p.ExternalId == id)).SingleOrDefaultAsync(ct);
        if (found is null && Interchange.PortalIdNumber(Interchange.Policy, id) is { } number)
        {
            found = await Query(db.Policies.AsNoTracking().Where(p => p.Id == number && p.ExternalId == null)).SingleOrDefaultAsync(ct);
        }

        stored[id] = found;
        return found;
    }

    private IQueryable<Stored> Query(IQueryable<Domain.Policy> policies) => policies.Select(p => new Stored(
        p.PreviousVersion == null ? null : p.PreviousVersion.ExternalId ?? "portal-policy-" + p.PreviousVersion.Id,
        db.Policies.Where(n => n.PreviousVersionId == p.Id).Select(n => n.ExternalId ?? "portal-policy-" + n.Id).FirstOrDefault()));
}
