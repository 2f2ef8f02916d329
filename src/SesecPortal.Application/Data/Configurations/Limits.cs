namespace SesecPortal.Application.Data.Configurations;

/// <summary>Column lengths, shared by the schema and the validators.</summary>
public static class Limits
{
    public const int Slug = 120;
    public const int Name = 300;
    public const int Title = 500;
    public const int Summary = 4000;
    public const int Url = 2000;
    public const int Code = 64;
    public const int Tag = 60;
    public const int Body = 200_000;
    /// <summary>An id in the open-data interchange format.</summary>
    public const int ExternalId = 64;
}
