using System.Net;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Organisations;
using SesecPortal.Application.Features.Search;
using SesecPortal.Application.Features.Sectors;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Application.Features.Watchlists;

namespace SesecPortal.IntegrationTests.Editorial;

/// <summary>An item given a new slug or code keeps its place in search, filters, saved searches and old addresses (issue 4).</summary>
public sealed class ReferenceSlugChangeTests(IntegrationFixture fixture) : ReferenceDataTest(fixture)
{
    [Fact]
    public async Task A_sector_given_a_new_slug_keeps_its_items_in_search_and_in_saved_searches()
    {
        var before = await SendAsync(new SearchPortal.Query("", Kind: ["policy"], Sector: ["carbon"]));
        before.Total.ShouldBeGreaterThan(0);
        var member = await Fixture.CreateUserAsync("saver@example.com", "Correct-Horse-42", Roles.Member);
        using (Fixture.ActAs(member, Roles.Member))
        {
            await SendAsync(new FollowItem.Command { Kind = WatchKind.Search, Query = "peak", Kinds = ["policy"], Sectors = ["carbon", "ict"] });
        }

        var form = (await SendAsync(new EditSector.Query(await IdAsync(db => db.Sectors, "carbon")))).ShouldNotBeNull();
        form.Slug = "carbon-emission";
        await AsEditorAsync(form);

        var after = await SendAsync(new SearchPortal.Query("", Kind: ["policy"], Sector: ["carbon-emission"]));
        after.Total.ShouldBe(before.Total);
        after.Hits.Select(h => h.Url).ShouldBe(before.Hits.Select(h => h.Url));
        after.Facets.Sector.Select(f => f.Value).ShouldContain("carbon-emission");
        after.Facets.Sector.Select(f => f.Value).ShouldNotContain("carbon");
        (await WithDbAsync(db => db.WatchItems.SingleAsync(i => i.Kind == WatchKind.Search, Ct))).Filters
            .ShouldBe("kind=policy&sector=carbon-emission&sector=ict", "still in canonical order");
        var moved = (await GetPageAsync("/sectors/carbon")).Response;
        moved.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        moved.Headers.Location!.ToString().ShouldBe("/sectors/carbon-emission");
        var feed = (await GetPageAsync("/feeds/sectors/carbon.atom")).Response;
        feed.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        feed.Headers.Location!.ToString().ShouldBe("/feeds/sectors/carbon-emission.atom");
    }

    [Fact]
    public async Task An_organisation_given_a_new_slug_still_filters_its_policies_and_a_deleted_sector_leaves_the_facets()
    {
        var before = await SendAsync(new SearchPortal.Query("plan", Kind: ["policy"], Authority: ["miit"]));
        var form = (await SendAsync(new EditOrganisation.Query(await IdAsync(db => db.Organisations, "miit")))).ShouldNotBeNull();
        form.Slug = "miit-china";
        await AsEditorAsync(form);

        var after = await SendAsync(new SearchPortal.Query("plan", Kind: ["policy"], Authority: ["miit-china"]));
        after.Total.ShouldBe(before.Total);
        after.Total.ShouldBeGreaterThan(0);

        var hydrogen = await AsEditorAsync(new EditSector.Command { Name = "Hydrogen" });
        var standard = await NewStandardAsync("GB/T 99002-2022", "Hydrogen refuelling: pipes");
        standard.SectorIds.Add(hydrogen);
        await AsEditorAsync(standard);
        (await SendAsync(new SearchPortal.Query("refuelling", Sector: ["hydrogen"]))).Total.ShouldBe(1);

        await AsEditorAsync(new DeleteSector.Command(hydrogen));

        (await SendAsync(new SearchPortal.Query("refuelling"))).Facets.Sector.Select(f => f.Value).ShouldNotContain("hydrogen");
    }

    [Fact]
    public async Task A_standard_whose_code_is_corrected_is_found_at_its_old_address_with_a_301_until_another_takes_it()
    {
        var id = await AsEditorAsync(await NewStandardAsync("GB/T 99001-2022", "Hydrogen refuelling: safety"));
        (await GetPageAsync("/standards/gb-t-99001-2022")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var corrected in new[] { "GB/T 99001-2023", "GB/T 99001-2024" })
        {
            var form = (await SendAsync(new EditStandard.Query(id))).ShouldNotBeNull();
            form.Code = corrected;
            form.Slug = null;
            await AsEditorAsync(form);
        }

        foreach (var old in new[] { "/standards/gb-t-99001-2022", "/standards/gb-t-99001-2023" })
        {
            var moved = (await GetPageAsync(old)).Response;
            moved.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently, old);
            moved.Headers.Location!.ToString().ShouldBe("/standards/gb-t-99001-2024", old);
        }

        var feed = (await GetPageAsync("/feeds/standards/gb-t-99001-2022.atom")).Response;
        feed.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        feed.Headers.Location!.ToString().ShouldBe("/feeds/standards/gb-t-99001-2024.atom");
        var api = (await GetPageAsync("/api/v1/standards/gb-t-99001-2022")).Response;
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.Content.ReadAsStringAsync(Ct)).ShouldContain("\"slug\":\"gb-t-99001-2024\"");

        // A new standard may take an old address: the live one wins.
        await AsEditorAsync(await NewStandardAsync("GB/T 99001-2022", "Hydrogen refuelling: a different standard"));
        (await GetPageAsync("/standards/gb-t-99001-2022")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetPageAsync("/standards/gb-t-99001-2023")).Response.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);

        await AsEditorAsync(new DeleteStandard.Command(id));
        (await GetPageAsync("/standards/gb-t-99001-2023")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await GetPageAsync("/standards/never-existed")).Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_saved_search_filtered_by_a_deleted_sector_loses_the_filter_or_merges_with_the_same_search_saved_without_it()
    {
        var hydrogen = await AsEditorAsync(new EditSector.Command { Name = "Hydrogen" });
        var member = await Fixture.CreateUserAsync("saver@example.com", "Correct-Horse-42", Roles.Member);
        using (Fixture.ActAs(member, Roles.Member))
        {
            await SendAsync(new FollowItem.Command { Kind = WatchKind.Search, Query = "refuelling", Sectors = ["hydrogen"] });
            await SendAsync(new FollowItem.Command { Kind = WatchKind.Search, Query = "pipes", Sectors = ["hydrogen", "ict"] });
            await SendAsync(new FollowItem.Command { Kind = WatchKind.Search, Query = "refuelling" });
        }

        await AsEditorAsync(new DeleteSector.Command(hydrogen));

        var saved = await WithDbAsync(db => db.WatchItems.Where(i => i.Kind == WatchKind.Search).OrderBy(i => i.Query).Select(i => new { i.Query, i.Filters }).ToListAsync(Ct));
        saved.Select(i => $"{i.Query}?{i.Filters}").ShouldBe(["pipes?sector=ict", "refuelling?"]);
    }
}
