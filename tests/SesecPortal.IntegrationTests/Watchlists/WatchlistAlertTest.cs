using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Accounts;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Application.Features.Watchlists;
using SesecPortal.TestSupport;

namespace SesecPortal.IntegrationTests.Watchlists;

/// <summary>
/// Watchlist alerts by e-mail: the job run at a period boundary by two portal instances on one database, with a fake
/// clock, queues one alert; what it says; nothing when nothing changed; one-click unsubscribe that cannot be forged.
/// </summary>
public abstract class WatchlistAlertTest(IntegrationFixture fixture) : PortalTest(fixture)
{
    protected const string Password = "Correct-Horse-42";
    protected const string Member = "alerted@example.com";

    /// <summary>Monday 7 December 2026, 06:00 UTC: an hour before the day's (and the week's) sending time.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Clock { get; } = new(Start);

    protected PortalFactory Instance() =>
        new(Fixture.Database.ConnectionString, services: s => s.AddSingleton<TimeProvider>(Clock),
            settings: new Dictionary<string, string>(Fixture.Mail.Settings()) { ["Site:BaseUrl"] = Fixture.Address.ToString() });

    protected static async Task<T> AsAsync<T>(PortalFactory instance, string userId, Func<ISender, Task<T>> act)
    {
        var accessor = instance.Services.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.NameIdentifier, userId), new(ClaimTypes.Name, Member), new(ClaimTypes.Role, Roles.Member)], "test")),
        };
        try
        {
            await using var scope = instance.Services.CreateAsyncScope();
            return await act(scope.ServiceProvider.GetRequiredService<ISender>());
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    protected static async Task<int> RunJobAsync(PortalFactory instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SendWatchlistAlerts.Command(), Ct);
    }

    protected async Task<int> StandardIdAsync()
    {
        await using var db = Fixture.Database.CreateDbContext();
        return await db.Standards.Where(s => s.Slug == "gb-t-50378-2019").Select(s => s.Id).SingleAsync(Ct);
    }

    /// <summary>A member (made at the fake clock's time) who follows GB/T 50378-2019 with alerts at the given frequency.</summary>
    protected async Task<(string UserId, int StandardId)> FollowerAsync(PortalFactory instance, AlertFrequency frequency)
    {
        var userId = await Fixture.CreateUserAsync(Member, Password, Roles.Member);
        var standard = await StandardIdAsync();
        await AsAsync(instance, userId, s => s.Send(new FollowItem.Command { Kind = WatchKind.Standard, ItemId = standard }, Ct).AsTask());
        await AsAsync(instance, userId, s => s.Send(new SavePreferences.Command(frequency, false), Ct).AsTask());
        return (userId, standard);
    }

    protected static async Task ChangeStandardAsync(PortalFactory instance, int id, string title)
    {
        var accessor = instance.Services.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.NameIdentifier, "editor"), new(ClaimTypes.Name, "editor"), new(ClaimTypes.Role, Roles.Editor)], "test")),
        };
        try
        {
            await using var scope = instance.Services.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var form = (await sender.Send(new EditStandard.Query(id), Ct)).ShouldNotBeNull();
            form.TitleEn = title;
            await sender.Send(form, Ct);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    protected async Task<MimeMessage> AlertAsync() => await Fixture.Mail.WaitForAsync(Member, "new or changed about what you follow");

    /// <summary>Waits until every queued message to the member is sent, so a second one would have arrived too.</summary>
    protected async Task AllSentAsync() =>
        await Until.TrueAsync(async () =>
        {
            await using var db = Fixture.Database.CreateDbContext();
            return !await db.OutboxMessages.AnyAsync(m => m.Recipient == Member && m.SentAt == null, Ct);
        }, "the member's mail to be sent");

    protected static async Task AsEditorAsync(PortalFactory instance, string editor, Func<ISender, Task> act)
    {
        var accessor = instance.Services.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.NameIdentifier, editor), new(ClaimTypes.Name, editor), new(ClaimTypes.Role, Roles.Editor)], "test")),
        };
        try
        {
            await using var scope = instance.Services.CreateAsyncScope();
            await act(scope.ServiceProvider.GetRequiredService<ISender>());
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    /// <summary>An article written, submitted, approved by a second editor and published on an instance, in a sector.</summary>
    protected async Task PublishArticleAsync(PortalFactory instance, string title, int sectorId)
    {
        SaveArticle.Result? saved = null;
        await AsEditorAsync(instance, "author@example.com", async s => saved = await s.Send(new SaveArticle.Command
        {
            Title = title, Summary = "A short takeaway.", Body = "The text.", EventDate = "2026-12", SectorIds = [sectorId],
        }, Ct));
        async Task<ArticleRevision> OpenAsync()
        {
            await using var db = Fixture.Database.CreateDbContext();
            return await db.ArticleRevisions.AsNoTracking()
                .SingleAsync(r => r.ArticleId == saved!.ArticleId && (r.State == RevisionState.Draft || r.State == RevisionState.InReview || r.State == RevisionState.Approved), Ct);
        }

        var open = await OpenAsync();
        await AsEditorAsync(instance, "author@example.com", s => s.Send(new ReviewArticle.Command
        {
            ArticleId = saved!.ArticleId, RevisionId = open.Id, Version = open.Version, Do = ReviewArticle.Action.Submit,
        }, Ct).AsTask());
        open = await OpenAsync();
        await AsEditorAsync(instance, "reviewer@example.com", s => s.Send(new ReviewArticle.Command
        {
            ArticleId = saved!.ArticleId, RevisionId = open.Id, Version = open.Version, Do = ReviewArticle.Action.Approve,
        }, Ct).AsTask());
        open = await OpenAsync();
        await AsEditorAsync(instance, "reviewer@example.com", s => s.Send(new PublishArticle.Command(saved!.ArticleId, open.Id, open.Version), Ct).AsTask());
    }
}
