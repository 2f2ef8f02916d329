using System.Net;
using System.Text;
using AngleSharp;
using AngleSharp.Html.Dom;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.OpenData;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.IntegrationTests.Standards;

/// <summary>
/// A standard's record as the national platforms keep it (issue 18): several adoptions, the official record, full-text and
/// purchase links, drafting organisations, drafters and the competent department, through the editor, the pages, the
/// search, the finder, the read API and the interchange format.
/// </summary>
public abstract class StandardRecordTest(IntegrationFixture fixture) : PortalTest(fixture)
{
    protected const string Editor = "editor@example.com";
    protected const string Organisation = "China Quality Certification Centre Zhongxin";

    protected static string Good(string id, string code) =>
        $$"""{"type":"standard","id":"{{id}}","code":"{{code}}","title":"A good standard","slug":"{{Application.Domain.Slug.From(code)}}","status":"effective","adoptions":[{"code":"ISO 14001:2015","degree":"MOD"}]}""";

    protected static string ExportedLine(string export, string id) =>
        export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(l => l.Contains($"\"id\":\"{id}\"", StringComparison.Ordinal));

    protected async Task<ImportContent.Result> ImportAsync(params string[] lines)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        return await SendAsync(new ImportContent.Command(stream));
    }

    protected async Task<string> ExportAsync()
    {
        using var output = new MemoryStream();
        await SendAsync(new ExportContent.Query(output));
        return Encoding.UTF8.GetString(output.ToArray());
    }

    protected async Task<EditStandard.Command> AdoptingStandardAsync()
    {
        var command = await NewStandardAsync("GB/T 19001—2016", "Quality management systems — Requirements");
        command.Adoptions = [new() { Code = "ISO 9001:2015", Degree = AdoptionDegree.Identical }];
        return command;
    }

    protected async Task<EditStandard.Command> NewStandardAsync(string code, string title) => new()
    {
        Code = code, TitleEn = title, Status = StandardStatus.InForce, SectorIds = [await IdAsync(db => db.Sectors, "energy-efficiency")],
    };

    protected async Task<T> AsEditorAsync<T>(ICommand<T> command)
    {
        using var _ = Fixture.ActAs(Editor, Roles.Editor);
        await using var scope = Fixture.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, Ct);
    }

    protected async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> read)
    {
        await using var scope = Fixture.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    protected Task<int> IdAsync<TItem>(Func<PortalDbContext, IQueryable<TItem>> set, string slug)
        where TItem : class =>
        WithDbAsync(db => set(db).Where(i => EF.Property<string>(i, "Slug") == slug).Select(i => EF.Property<int>(i, "Id")).SingleAsync(Ct));

    protected static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    protected static async Task<IHtmlDocument> ParseHtmlAsync(string html) =>
        (IHtmlDocument)await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html), Ct);

    protected static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) => await ParseHtmlAsync(await response.Content.ReadAsStringAsync(Ct));

    protected static Task<List<KeyValuePair<string, string>>> FormFieldsAsync(HttpClient client, string path) => EditorForms.FieldsAsync(client, path);

    protected static Task<HttpResponseMessage> PostFieldsAsync(HttpClient client, string path, List<KeyValuePair<string, string>> fields, Dictionary<string, string> changes) =>
        EditorForms.PostAsync(client, path, fields, changes);

    protected static async Task<HttpResponseMessage> PostEditFormAsync(HttpClient client, string path, Dictionary<string, string> changes) =>
        await PostFieldsAsync(client, path, await FormFieldsAsync(client, path), changes);
}
