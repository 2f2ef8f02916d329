using System.Data.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Relations;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.IntegrationTests.Relations;

/// <summary>
/// The knowledge graph on real PostgreSQL: plan numbers and the standards they became, supersession chains, typed
/// relations seen from both ends (handlers and pages), the seed's relations, organisation pages, and query counts.
/// </summary>
public abstract class KnowledgeGraphTest(IntegrationFixture fixture) : PortalTest(fixture)
{
    protected const string Guideline = "information-security-technology-guideline-for-identification-of-critical-data";
    protected const string NetworkDataRules = "administrative-rules-security-network-data";

    protected async Task<(int Queries, int Items)> CountRelationQueriesAsync(int organisationId)
    {
        var counter = new CommandCounter();
        await using var db = CountedDbContext(counter);
        var result = await new GetRelations.Handler(db, new SesecPortal.Web.Infrastructure.PortalAddresses()).Handle(new GetRelations.Query(ItemKind.Organisation, organisationId), Ct);
        return (counter.Count, result.Groups.Sum(g => g.Items.Count));
    }

    protected async Task<GetStandard.Result> StandardOn(string slug, DateOnly day)
    {
        await using var scope = Fixture.CreateScope();
        var services = scope.ServiceProvider;
        var clock = new FakeTimeProvider(new DateTimeOffset(day.Year, day.Month, day.Day, 9, 0, 0, TimeSpan.Zero));
        var handler = new GetStandard.Handler(
            services.GetRequiredService<PortalDbContext>(), services.GetRequiredService<MarkdownRenderer>(), clock, services.GetRequiredService<IMediator>());
        return (await handler.Handle(new GetStandard.Query(slug), Ct)).ShouldNotBeNull();
    }

    protected static Standard NewStandard(string code, string title, StandardStatus status, DateOnly? published, DateOnly? effective)
    {
        var standard = new Standard { Slug = Slug.From(code), TitleEn = title, Status = status, PublishedOn = published, EffectiveOn = effective };
        standard.SetCode(code);
        return standard;
    }

    protected async Task AddStandardAsync(string code, string title, StandardStatus status, DateOnly? published = null, DateOnly? effective = null, string? plan = null)
    {
        await using var db = Fixture.Database.CreateDbContext();
        var standard = NewStandard(code, title, status, published, effective);
        standard.SetPlanCode(plan);
        db.Standards.Add(standard);
        await db.SaveChangesAsync(Ct);
        await EvictPublicPagesAsync();
    }

    /// <summary>GB/T 90001-2005 and GB/T 90002-2008, both replaced by GB/T 90001-2012, replaced by GB/T 90001-2020.</summary>
    protected async Task AddChainAsync()
    {
        await using var db = Fixture.Database.CreateDbContext();
        var a = NewStandard("GB/T 90001-2005", "Test chain, first edition", StandardStatus.Superseded, new DateOnly(2005, 3, 1), new DateOnly(2005, 9, 1));
        var a2 = NewStandard("GB/T 90002-2008", "Test chain, merged standard", StandardStatus.Superseded, new DateOnly(2008, 3, 1), null);
        var b = NewStandard("GB/T 90001-2012", "Test chain, second edition", StandardStatus.Superseded, new DateOnly(2012, 12, 1), new DateOnly(2013, 6, 1));
        var c = NewStandard("GB/T 90001-2020", "Test chain, third edition", StandardStatus.InForce, new DateOnly(2020, 4, 1), new DateOnly(2020, 11, 1));
        a.ReplacedBy = b;
        a2.ReplacedBy = b;
        b.ReplacedBy = c;
        db.Standards.AddRange(a, a2, b, c);
        await db.SaveChangesAsync(Ct);
        await EvictPublicPagesAsync();
    }

    /// <summary>Public pages are output-cached across tests; a test that changes data evicts them, as the editors' commands do.</summary>
    protected async Task EvictPublicPagesAsync() => await Fixture.Factory.Services.GetRequiredService<IPublicCache>().EvictAsync(Ct);

    protected PortalDbContext CountedDbContext(CommandCounter counter)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDbContext.Configure(options, Fixture.Database.ConnectionString);
        options.AddInterceptors(counter);
        return new PortalDbContext(options.Options);
    }

    /// <summary>Counts the SQL commands a handler sends: the proof that a list is read set-based, not one query per row.</summary>
    protected sealed class CommandCounter : DbCommandInterceptor
    {
        private int count;

        public int Count => count;

        public void Reset() => count = 0;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
