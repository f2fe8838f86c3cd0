namespace Deployment.Tests.Support;

/// <summary>The Kubernetes objects <c>deploy/kustomization.yaml</c> applies, read from its resource files.</summary>
internal sealed class KubernetesManifests(YamlMap kustomization, IReadOnlyList<KubernetesObject> objects)
{
    public const string Directory = "deploy";

    public const string KustomizationFile = "deploy/kustomization.yaml";

    public YamlMap Kustomization => kustomization;

    public IReadOnlyList<KubernetesObject> Objects => objects;

    public IReadOnlyList<string> ResourceFiles =>
        [.. kustomization.List("resources").OfType<string>().Select(r => $"{Directory}/{r}")];

    public static KubernetesManifests Load()
    {
        var kustomization = YamlMap.Load(Repository.ReadText(KustomizationFile));
        var objects = kustomization.List("resources").OfType<string>()
            .Select(r => $"{Directory}/{r}")
            .SelectMany(file => YamlMap.LoadAll(Repository.ReadText(file)).Select(doc => new KubernetesObject(file, doc)))
            .ToList();
        return new KubernetesManifests(kustomization, objects);
    }

    public IEnumerable<KubernetesObject> OfKind(string kind) => objects.Where(o => o.Kind == kind);

    public KubernetesObject Single(string kind, string name) =>
        objects.SingleOrDefault(o => o.Kind == kind && o.Name == name)
        ?? throw new InvalidOperationException($"No {kind} named '{name}' in the resources of {KustomizationFile}.");

    public KubernetesObject? Find(string kind, string name) => objects.SingleOrDefault(o => o.Kind == kind && o.Name == name);

    /// <summary>The image a container runs once the kustomization's <c>images</c> overrides apply.</summary>
    public string ImageRepositoryOf(string image)
    {
        var name = ImageReference.RepositoryOf(image);
        var rule = kustomization.Maps("images").FirstOrDefault(i => i.Text("name") == name);
        return rule?.Text("newName") ?? name;
    }
}

/// <summary>One object of a manifest file.</summary>
internal sealed record KubernetesObject(string File, YamlMap Document)
{
    public string? Kind => Document.Text("kind");

    public string? Name => Document.At("metadata")?.Text("name");

    public override string ToString() => $"{Kind}/{Name} ({File})";
}

/// <summary>Image references: <c>registry/name:tag</c>.</summary>
internal static class ImageReference
{
    /// <summary>The reference without its tag or digest.</summary>
    public static string RepositoryOf(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var withoutDigest = at < 0 ? image : image[..at];
        // The tag starts at the first ':' after the last '/' (a registry's port comes before it; a compose tag may
        // itself hold ':' inside ${IMAGE_TAG:-latest}).
        var colon = withoutDigest.IndexOf(':', withoutDigest.LastIndexOf('/') + 1);
        return colon < 0 ? withoutDigest : withoutDigest[..colon];
    }
}
