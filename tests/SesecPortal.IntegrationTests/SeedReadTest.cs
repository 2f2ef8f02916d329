using SesecPortal.Application.Features.Articles;
using SesecPortal.Application.Features.Home;
using SesecPortal.Application.Features.Issues;
using SesecPortal.Application.Features.Organisations;
using SesecPortal.Application.Features.Policies;
using SesecPortal.Application.Features.Sectors;
using SesecPortal.Application.Features.Standards;
using SesecPortal.Application.Features.WorkingGroups;

namespace SesecPortal.IntegrationTests;

/// <summary>The read handlers against the seed issue, through the real Mediator pipeline.</summary>
public abstract class SeedReadTest(IntegrationFixture fixture) : PortalTest(fixture)
{
    protected const string IssueSlug = "december-2021-january-2022";
    protected const string ImportantData = "what-is-important-data-new-standard-provides-the-answer";
}
