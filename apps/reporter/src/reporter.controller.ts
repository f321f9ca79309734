import { Controller } from '@nestjs/common';
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
  ReporterRpc,
  SubmissionMessageReply,
  SubmissionReceiptReply,
  SubmitterNoticeReply,
  SubmitterNoticeRequest,
  TrackingReply,
  TrackingReplyRequest,
  TrackingRequest,
} from '@app/contracts';
import { HandlesRpc } from '@app/messaging';
import { DeskService } from './desk/desk.service';
import { IntakeService } from './intake/intake.service';
import { SubmitterNoticeService } from './notice/submitter-notice.service';
import { TrackingService } from './tracking/tracking.service';

@Controller()
export class ReporterController {
  constructor(
    private readonly intake: IntakeService,
    private readonly tracking: TrackingService,
    private readonly desk: DeskService,
    private readonly notices: SubmitterNoticeService,
  ) {}

  @HandlesRpc(ReporterRpc.beginIntake)
  beginIntake(request: BeginIntakeRequest): Promise<BeginIntakeReply> {
    return this.intake.begin(request);
  }

  @HandlesRpc(ReporterRpc.abortIntake)
  abortIntake(request: IntakeIdRequest): Promise<AbortIntakeReply> {
    return this.intake.abort(request);
  }

  @HandlesRpc(ReporterRpc.completeIntake)
  completeIntake(request: CompleteIntakeRequest): Promise<SubmissionReceiptReply> {
    return this.intake.complete(request);
  }

  @HandlesRpc(ReporterRpc.trackingView)
  trackingView(request: TrackingRequest): Promise<TrackingReply> {
    return this.tracking.view(request);
  }

  @HandlesRpc(ReporterRpc.trackingReply)
  trackingReply(request: TrackingReplyRequest): Promise<SubmissionMessageReply> {
    return this.tracking.reply(request);
  }

  @HandlesRpc(ReporterRpc.deskList)
  deskList(request: DeskListRequest): Promise<DeskListReply> {
    return this.desk.list(request);
  }

  @HandlesRpc(ReporterRpc.deskGet)
  deskGet(request: DeskSubmissionRequest): Promise<DeskSubmissionReply> {
    return this.desk.get(request);
  }

  @HandlesRpc(ReporterRpc.deskTransition)
  deskTransition(request: DeskTransitionRequest): Promise<DeskSubmissionReply> {
    return this.desk.transition(request);
  }

  @HandlesRpc(ReporterRpc.deskAssign)
  deskAssign(request: DeskAssignRequest): Promise<DeskSubmissionReply> {
    return this.desk.assign(request);
  }

  @HandlesRpc(ReporterRpc.deskNote)
  deskNote(request: DeskNoteRequest): Promise<DeskSubmissionReply> {
    return this.desk.note(request);
  }

  @HandlesRpc(ReporterRpc.submitterNotice)
  submitterNotice(request: SubmitterNoticeRequest): Promise<SubmitterNoticeReply> {
    return this.notices.notice(request);
  }
}
