using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Policies;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>Editors create, edit and delete the reference data (issue 4): handlers, validation, pages, conflicts, history.</summary>
public abstract class ReferenceDataTest(IntegrationFixture fixture) : PortalTest(fixture)
{
    protected const string Editor = "editor@example.com";
    protected const string Gb55015 = "gb-55015-2021";

    protected static EditPolicy.Command NewPolicy(string title, int sectorId) => new() { Title = title, Kind = PolicyKind.ActionPlan, Status = PolicyStatus.Final, SectorIds = [sectorId] };

    protected async Task<EditStandard.Command> NewStandardAsync(string code, string title) => new()
    {
        Code = code, TitleEn = title, Status = StandardStatus.Published, SectorIds = [await IdAsync(db => db.Sectors, "energy-efficiency")],
    };

    protected async Task<T> AsEditorAsync<T>(ICommand<T> command)
    {
        using var _ = Fixture.ActAs(Editor, Roles.Editor);
        await using var scope = Fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, Ct);
    }

    protected async Task<ValidationException> RefusedAsync<T>(ICommand<T> command) => await Should.ThrowAsync<ValidationException>(() => AsEditorAsync(command));

    protected async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> read)
    {
        await using var scope = Fixture.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    protected Task<int> IdAsync<TItem>(Func<PortalDbContext, IQueryable<TItem>> set, string slug)
        where TItem : class =>
        WithDbAsync(db => set(db).Where(i => EF.Property<string>(i, "Slug") == slug).Select(i => EF.Property<int>(i, "Id")).SingleAsync(Ct));

    protected Task<uint> VersionAsync<TItem>(Func<PortalDbContext, IQueryable<TItem>> set, int id)
        where TItem : class =>
        WithDbAsync(db => set(db).Where(i => EF.Property<int>(i, "Id") == id).Select(i => EF.Property<uint>(i, "Version")).SingleAsync(Ct));

    protected static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    protected static async Task<IHtmlDocument> ParseHtmlAsync(string html) =>
        (IHtmlDocument)await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), Ct);

    protected static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) => await ParseHtmlAsync(await response.Content.ReadAsStringAsync(Ct));

    /// <summary>The fields of the page's edit form as a browser would post them (with the antiforgery token).</summary>
    protected static Task<List<KeyValuePair<string, string>>> FormFieldsAsync(HttpClient client, string path) => EditorForms.FieldsAsync(client, path);

    protected static List<KeyValuePair<string, string>> FieldsOf(IParentNode root) => EditorForms.FieldsOf(root);

    protected static Task<HttpResponseMessage> PostFieldsAsync(
        HttpClient client, string path, List<KeyValuePair<string, string>> fields, Dictionary<string, string> changes, string? action = null) =>
        EditorForms.PostAsync(client, path, fields, changes, action);

    protected static async Task<HttpResponseMessage> PostEditFormAsync(HttpClient client, string path, Dictionary<string, string> changes) =>
        await PostFieldsAsync(client, path, await FormFieldsAsync(client, path), changes);
}
