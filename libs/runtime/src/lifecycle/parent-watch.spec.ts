import { waitFor } from '@test/support/wait-for';
import { exitWhenParentDies } from './parent-watch';

describe('exitWhenParentDies', () => {
  it('acts once the process has been handed to another parent, and only once', async () => {
    let parent = 4242;
    const gone = jest.fn();
    const stop = exitWhenParentDies(4242, {
      intervalMs: 5,
      onParentGone: gone,
      currentParentPid: () => parent,
    });
    expect(gone).not.toHaveBeenCalled();
    parent = 1;
    await waitFor(() => gone.mock.calls.length > 0, 2000, 'the watcher to notice');
    expect(gone).toHaveBeenCalledTimes(1);
    stop();
  });

  it('acts at once when the parent was already gone before watching began', () => {
    const gone = jest.fn();
    const stop = exitWhenParentDies(4242, { onParentGone: gone, currentParentPid: () => 1 });
    expect(gone).toHaveBeenCalledTimes(1);
    stop();
  });

  it('watches nothing for an app that no launcher started', () => {
    const gone = jest.fn();
    exitWhenParentDies(undefined, { onParentGone: gone, currentParentPid: () => 1 })();
    expect(gone).not.toHaveBeenCalled();
  });
});
