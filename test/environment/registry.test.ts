import { environmentStack, named, ofType, synthJson } from '../helpers/synth';

describe('Artifact Registry repositories', () => {
  test('a Docker and a Python repository with cleanup policies', () => {
    const json = synthJson(environmentStack().stack);
    const docker = named(json, 'google_artifact_registry_repository', 'ml_docker-repository_');
    expect(docker).toMatchObject({
      repository_id: 'ml-images',
      format: 'DOCKER',
      location: 'us-central1',
      project: 'acme-ml',
      docker_config: { immutable_tags: false },
      cleanup_policy_dry_run: false,
      cleanup_policies: [
        { id: 'delete-untagged', action: 'DELETE', condition: { tag_state: 'UNTAGGED', older_than: '2592000s' } },
        { id: 'keep-most-recent', action: 'KEEP', most_recent_versions: { keep_count: 10 } },
      ],
    });
    const python = named(json, 'google_artifact_registry_repository', 'ml_python-repository_');
    expect(python).toMatchObject({
      repository_id: 'ml-python',
      format: 'PYTHON',
      cleanup_policies: [
        { id: 'delete-old-versions', action: 'DELETE', condition: { tag_state: 'ANY', older_than: '2592000s' } },
        { id: 'keep-most-recent', action: 'KEEP', most_recent_versions: { keep_count: 10 } },
      ],
    });
    expect(python.docker_config).toBeUndefined();
  });

  test('cleanup, dry run and immutable tags are configurable', () => {
    const json = synthJson(environmentStack({
      dockerRepository: { repositoryId: 'trainers', keepMostRecentVersions: 3, deleteUntaggedAfterDays: 0, cleanupDryRun: true, immutableTags: true },
    }).stack);
    expect(named(json, 'google_artifact_registry_repository', 'ml_docker-repository_')).toMatchObject({
      repository_id: 'trainers',
      docker_config: { immutable_tags: true },
      cleanup_policy_dry_run: true,
      cleanup_policies: [{ id: 'keep-most-recent', action: 'KEEP', most_recent_versions: { keep_count: 3 } }],
    });
  });

  test('repository URLs', () => {
    const { env } = environmentStack();
    expect(env.dockerRepository.url).toBe('us-central1-docker.pkg.dev/acme-ml/ml-images');
    expect(env.pythonRepository.url).toBe('https://us-central1-python.pkg.dev/acme-ml/ml-python/');
    expect(env.dockerRepository.repositoryName).toBe('projects/acme-ml/locations/us-central1/repositories/ml-images');
  });

  test('an existing repository is not created; grants go to it', () => {
    const { stack, env } = environmentStack({ dockerRepository: { existingRepositoryName: 'projects/shared-images/locations/us/repositories/trainers' } });
    const json = synthJson(stack);
    expect(Object.values(ofType(json, 'google_artifact_registry_repository')).map((r) => r.format)).toEqual(['PYTHON']);
    expect(env.dockerRepository.url).toBe('us-docker.pkg.dev/shared-images/trainers');
    expect(named(json, 'google_artifact_registry_repository_iam_member', 'ml_docker-repository_trainer_')).toMatchObject({
      project: 'shared-images', location: 'us', repository: 'trainers', role: 'roles/artifactregistry.reader',
    });
  });

  test('CI identities can be granted push rights', () => {
    const { stack, env } = environmentStack();
    env.grantImagesAndPackagesWrite('serviceAccount:ci@acme-ci.iam.gserviceaccount.com');
    const writers = Object.values(ofType(synthJson(stack), 'google_artifact_registry_repository_iam_member'))
      .filter((m) => m.role === 'roles/artifactregistry.writer');
    expect(writers).toHaveLength(2);
  });
});
