import { reply, rpcOperation } from '../rpc/rpc-operation';
import {
  AbortIntakeReply,
  BeginIntakeReply,
  BeginIntakeRequest,
  CompleteIntakeRequest,
  DeskAssignRequest,
  DeskListReply,
  DeskListRequest,
  DeskNoteRequest,
  DeskSubmissionReply,
  DeskSubmissionRequest,
  DeskTransitionRequest,
  IntakeIdRequest,
  SubmissionMessageReply,
  SubmissionReceiptReply,
  SubmitterNoticeReply,
  SubmitterNoticeRequest,
  TrackingReplyRequest,
  TrackingReply,
  TrackingRequest,
} from './submission.commands';

/**
 * The reporter service's operations. File bytes never travel through these: chunks and attachment reads
 * are raw binary messages (see intake.wire.ts). The service checks roles itself from the request's caller.
 */
export const ReporterRpc = {
  beginIntake: rpcOperation(
    'reporter.intake.begin',
    BeginIntakeRequest,
    reply<BeginIntakeReply>('BeginIntakeReply'),
  ),
  abortIntake: rpcOperation(
    'reporter.intake.abort',
    IntakeIdRequest,
    reply<AbortIntakeReply>('AbortIntakeReply'),
  ),
  completeIntake: rpcOperation(
    'reporter.intake.complete',
    CompleteIntakeRequest,
    reply<SubmissionReceiptReply>('SubmissionReceiptReply'),
  ),
  trackingView: rpcOperation(
    'reporter.tracking.view',
    TrackingRequest,
    reply<TrackingReply>('TrackingReply'),
  ),
  trackingReply: rpcOperation(
    'reporter.tracking.reply',
    TrackingReplyRequest,
    reply<SubmissionMessageReply>('SubmissionMessageReply'),
  ),
  deskList: rpcOperation('reporter.desk.list', DeskListRequest, reply<DeskListReply>('DeskListReply')),
  deskGet: rpcOperation(
    'reporter.desk.get',
    DeskSubmissionRequest,
    reply<DeskSubmissionReply>('DeskSubmissionReply'),
  ),
  deskTransition: rpcOperation(
    'reporter.desk.transition',
    DeskTransitionRequest,
    reply<DeskSubmissionReply>('DeskSubmissionReply'),
  ),
  deskAssign: rpcOperation(
    'reporter.desk.assign',
    DeskAssignRequest,
    reply<DeskSubmissionReply>('DeskSubmissionReply'),
  ),
  deskNote: rpcOperation(
    'reporter.desk.note',
    DeskNoteRequest,
    reply<DeskSubmissionReply>('DeskSubmissionReply'),
  ),
  /** Subject words are `[a-z0-9_]`, so the design's `submitter-notice` is spelled `submitter_notice`. */
  submitterNotice: rpcOperation(
    'reporter.submission.submitter_notice',
    SubmitterNoticeRequest,
    reply<SubmitterNoticeReply>('SubmitterNoticeReply'),
  ),
} as const;
