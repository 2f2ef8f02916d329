using AngleSharp;
using AngleSharp.Html.Dom;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.IntegrationTests;
using SesecPortal.TestSupport;

[assembly: AssemblyFixture(typeof(IntegrationFixture))]
// One database for the assembly, reset before each test: tests run one at a time.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

namespace SesecPortal.IntegrationTests;

public sealed class IntegrationFixture() : PortalFixture("sesec_integration");

/// <summary>Every integration test starts from the seed alone: the database is reset and seeded before each test, never after.</summary>
public abstract class PortalTest(IntegrationFixture fixture) : IAsyncLifetime
{
    protected IntegrationFixture Fixture { get; } = fixture;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await Fixture.ResetAsync();
        // Mail delivered during an earlier test is about accounts that are gone.
        Fixture.Mail.Clear();
        // Pages cached by an earlier test describe a database that is gone.
        await Fixture.Factory.Services.GetRequiredService<SesecPortal.Application.Common.IPublicCache>().EvictAsync(Ct);
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Sends a query or command through the portal's own Mediator pipeline (validation, logging).</summary>
    protected async Task<T> SendAsync<T>(IQuery<T> query)
    {
        await using var scope = Fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query, Ct);
    }

    /// <summary>Sends a command through the portal's own Mediator pipeline (validation, logging).</summary>
    protected async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = Fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, Ct);
    }

    /// <summary>What this instance's search index holds of a kind ("article", "organisation"...), as readers would find it.</summary>
    protected IReadOnlyList<SesecPortal.Search.SearchHit> Indexed(string kind)
    {
        var search = Fixture.Factory.Services.GetRequiredService<SesecPortal.Application.Features.Search.PortalSearchIndex>();
        return search.Index.Search(new SesecPortal.Search.SearchRequest
        {
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["kind"] = [kind] },
            PageSize = 1000,
        }).Hits;
    }

    /// <summary>The antiforgery token of the form on a page, as a browser would post it back.</summary>
    protected static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative), Ct);
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), Ct);
        return document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{path} has no antiforgery token.");
    }

    /// <summary>Posts a form the way a browser does: with the antiforgery token taken from the page that shows it.</summary>
    protected static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await AntiforgeryTokenAsync(client, formPage);
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(new Uri(action, UriKind.Relative), content, Ct);
    }

    /// <summary>Creates an account with the roles and returns a client signed in with it.</summary>
    protected async Task<HttpClient> SignedInAsync(string email, params string[] roles)
    {
        const string password = "Correct-Horse-42";
        await Fixture.CreateUserAsync(email, password, roles);
        var client = Fixture.CreateSignedInCapableClient();
        var response = await PostFormAsync(client, "/account/sign-in", "/account/sign-in", [new("Input.Email", email), new("Input.Password", password)]);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect, $"signing in {email}");
        return client;
    }

    /// <summary>GETs a page from Kestrel and parses it as a browser would.</summary>
    protected async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetPageAsync(string path)
    {
        using var client = Fixture.CreateClient();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var document = (IHtmlDocument)await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), Ct);
        return (response, document);
    }
}
