namespace SesecPortal.IntegrationTests;

/// <summary>The read handlers against the seed issue, through the real Mediator pipeline.</summary>
public abstract class SeedReadTest(IntegrationFixture fixture) : PortalTest(fixture)
{
    protected const string IssueSlug = "december-2021-january-2022";
    protected const string ImportantData = "what-is-important-data-new-standard-provides-the-answer";
}
