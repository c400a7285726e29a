import LintEngine

/// The only registry of rules, sorted by id (a test keeps it sorted and in step with Rules/).
public enum BuiltinRules {
  public static let all: [any Rule] = [
    SyntaxErrorRule(),
    IgnoredParserDirectiveRule(),
    EmptyContinuationLineRule(),
    FinalStageBuildImageRule(),
    WholeContextCopyRule(),
    AptInstallRecommendsRule(),
    AptListsKeptRule(),
    ApkCacheKeptRule(),
    PipCacheKeptRule(),
    DeletedInLaterLayerRule(),
    ChownInSeparateLayerRule(),
    RpmCacheKeptRule(),
    NodePackageCacheKeptRule(),
    BuildToolchainInFinalImageRule(),
    ArchiveExtractedInLaterLayerRule(),
    WholeStageCopyRule(),
    SlimmerBaseVariantRule(),
    GoBinaryNotStrippedRule(),
    PackageUpdateAloneRule(),
    CondaCacheKeptRule(),
    NodeDevDependenciesKeptRule(),
    FinalImageRunsAsRootRule(),
    CommandNotFoundInImageRule(),
    DynamicBinaryOnScratchRule(),
    UnpinnedBaseImageRule(),
    AddInsteadOfCopyRule(),
    MaintainerDeprecatedRule(),
    UnusedSuppressionRule(),
  ]

  public static let linter = Linter(rules: all)
}
